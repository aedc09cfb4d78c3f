using System.Text.Json;
using ShotgunEvents.Emulator.Json;
using ShotgunEvents.Emulator.Store;

namespace ShotgunEvents.Emulator.Query;

/// <summary>Writes the record a read returns straight to the reply: <c>type</c>, <c>id</c> and each requested field under its literal name.</summary>
internal static class RowWriter
{
    public static void Write(Utf8JsonWriter writer, IRow row, IReadOnlyList<FieldPath> fields, SiteData site)
    {
        writer.WriteStartObject();
        writer.WriteString("type", row.Type);
        writer.WriteNumber("id", row.Id);
        foreach (var field in fields)
        {
            if (field.Text is "type" or "id")
            {
                continue;
            }

            writer.WritePropertyName(field.Text);
            if (field.IsDeep || row is not EventView view || !view.TryWrite(writer, field.Root.Name, site))
            {
                JsonTokenWriter.Write(writer, field.ReadSingle(row, site));
            }
        }

        writer.WriteEndObject();
    }
}
