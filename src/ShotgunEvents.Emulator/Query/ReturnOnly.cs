namespace ShotgunEvents.Emulator.Query;

/// <summary>Which rows a read sees: active ones (the default) or retired ones; no mode returns both.</summary>
internal enum ReturnOnly
{
    Active,
    Retired,
}
