namespace ShotgunEvents.Emulator.Writes;

/// <summary>The site's fault texts for writes.</summary>
internal static class WriteErrors
{
    public static EmulatorException NotFound(string method, string type, int id) =>
        new(ErrorCodes.NotFoundOrDenied, $"API {method}() Entity of type [{type}] with id={id} does not exist.");

    public static EmulatorException NotEditable(string method, string type, string field) =>
        new(ErrorCodes.NotFoundOrDenied, $"API {method}() {type}.{field} is not editable.");

    public static EmulatorException EventLogReadOnly(string method) => method == "delete"
        ? new(ErrorCodes.NotFoundOrDenied, "API delete() Entity of type EventLogEntry can not be deleted by this user.")
        : new(ErrorCodes.NotFoundOrDenied, $"API {method}() Entity of type EventLogEntry can not be changed: event log entries are read-only.");
}
