using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ShotgunEvents.Emulator.Files;

/// <summary>
/// The folder that holds uploaded files: each stored file sits at <c>root/&lt;key&gt;/&lt;name&gt;</c>, where the key is
/// 128 random bits (it doubles as the unguessable part of a thumbnail URL, as a signed storage URL is on a site).
/// Uploads in flight (the storage step of the two-step protocol) live under <c>root/.pending</c> until linked.
/// </summary>
internal sealed class AttachmentStorage : IDisposable
{
    private readonly ConcurrentDictionary<string, PendingUpload> _pending = new(StringComparer.Ordinal);
    private readonly bool _ownsRoot;

    public AttachmentStorage(string root, bool ownsRoot)
    {
        Root = Path.GetFullPath(root);
        _ownsRoot = ownsRoot;
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    private string PendingRoot => Path.Combine(Root, ".pending");

    /// <summary>Starts an upload and returns its id (the <c>upload_id</c> and the last part of the storage URL).</summary>
    public string Begin(string fileName, string uploadType)
    {
        var id = NewKey();
        _pending[id] = new PendingUpload(SafeName(fileName), uploadType);
        return id;
    }

    public bool IsPending(string uploadId) => _pending.ContainsKey(uploadId);

    /// <summary>Writes the body of a storage PUT (the whole file, or one part of a multi-part upload); returns its ETag.</summary>
    public async Task<string?> WriteAsync(string uploadId, int? part, Stream body, CancellationToken cancellationToken)
    {
        if (!_pending.TryGetValue(uploadId, out var upload))
        {
            return null;
        }

        Directory.CreateDirectory(PendingRoot);
        var path = PartPath(uploadId, part);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        if (part is { } number)
        {
            upload.Parts.Add(number);
        }

        return "\"" + Convert.ToHexStringLower(md5.GetHashAndReset()) + "\"";
    }

    /// <summary>Joins the parts of a multi-part upload, in part order, into the upload's file.</summary>
    public bool Complete(string uploadId)
    {
        if (!_pending.TryGetValue(uploadId, out var upload) || upload.Parts.IsEmpty)
        {
            return false;
        }

        using (var whole = new FileStream(PartPath(uploadId, null), FileMode.Create, FileAccess.Write))
        {
            foreach (var number in upload.Parts.Distinct().Order())
            {
                var path = PartPath(uploadId, number);
                using (var part = File.OpenRead(path))
                {
                    part.CopyTo(whole);
                }

                File.Delete(path);
            }
        }

        upload.Parts.Clear();
        return true;
    }

    /// <summary>Moves an uploaded file into its final place; null when the upload is unknown or nothing was sent.</summary>
    public StoredFile? Take(string uploadId)
    {
        var path = PartPath(uploadId, null);
        if (!_pending.TryRemove(uploadId, out var upload) || !File.Exists(path))
        {
            return null;
        }

        var key = NewKey();
        var target = FilePath(key, upload.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(path, target);
        return new StoredFile(key, upload.FileName, new FileInfo(target).Length);
    }

    /// <summary>Stores a file sent in one request (the form upload of <c>/upload/upload_file</c>).</summary>
    public async Task<StoredFile> StoreAsync(string fileName, Stream content, CancellationToken cancellationToken)
    {
        var key = NewKey();
        var name = SafeName(fileName);
        var target = FilePath(key, name);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        return new StoredFile(key, name, new FileInfo(target).Length);
    }

    /// <summary>The path of a stored file, or null when there is none (the key and name come from a URL: checked).</summary>
    public string? Find(string key, string name)
    {
        if (key.Length != 32 || !key.All(char.IsAsciiHexDigitLower) || SafeName(name) != name)
        {
            return null;
        }

        var path = FilePath(key, name);
        return File.Exists(path) ? path : null;
    }

    public void Dispose()
    {
        if (_ownsRoot)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a reader: the temp folder is left for the OS to clean.
            }
        }
    }

    /// <summary>A file name without directory parts or characters that mean something to a file system.</summary>
    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var invalid = Path.GetInvalidFileNameChars();
        name = new string([.. name.Select(c => invalid.Contains(c) ? '_' : c)]);
        return name is "" or "." or ".." ? "file" : name;
    }

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private string FilePath(string key, string name) => Path.Combine(Root, key, name);

    private string PartPath(string uploadId, int? part) =>
        Path.Combine(PendingRoot, part is { } number ? $"{uploadId}.part{number}" : uploadId);

    private sealed record PendingUpload(string FileName, string UploadType)
    {
        public ConcurrentBag<int> Parts { get; } = [];
    }
}
