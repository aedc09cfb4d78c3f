namespace ShotgunEvents.Emulator.Schema;

/// <summary>The data types of the schema, as the site names them (<c>data_type</c>).</summary>
internal enum FieldKind
{
    Text,
    Number,
    Float,
    Duration,
    Percent,
    Checkbox,
    Date,
    DateTime,
    StatusList,
    List,
    Entity,
    MultiEntity,
    Serializable,
    Url,
    Uuid,
    EntityType,
    TagList,
    Color,
    Image,
    Password,
    Currency,
    Timecode,
    Summary,
    Calculated,
    PivotColumn,
    Footage,
    SystemTaskType,
}
