namespace ShotgunEvents.Emulator.Files;

/// <summary>A file in the attachment folder: its random storage key, its (safe) file name and its size.</summary>
internal sealed record StoredFile(string Key, string FileName, long Size);
