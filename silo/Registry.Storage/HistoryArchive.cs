using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Registry.Storage;

/// <summary>
/// The archive of a retired <c>grain_history</c> table: one JSON object per line, gzip-compressed, each row with its
/// key, version, ETag, operation, actor, reason, time and the state JSON of that version (null for a clearing).
/// <see cref="Writer"/> fsyncs the file on completion; <see cref="VerifyAsync"/> reads it back and recomputes the count
/// and digest, so a history copy is only dropped once its archive has been proven readable and complete.
/// </summary>
public static class HistoryArchive
{
    /// <summary>One row of the retired history.</summary>
    public sealed record Row(string StateName, string GrainId, long Version, string? ETag, string Operation,
        string Actor, string? Reason, DateTimeOffset RecordedAt, string? StateJson);

    /// <summary>Writes rows to a new archive file; not thread-safe.</summary>
    public sealed class Writer : IDisposable
    {
        private readonly FileStream file;
        private readonly GZipStream gzip;
        private readonly IncrementalHash digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly MemoryStream line = new();

        /// <summary>Creates <paramref name="path"/>; refuses to overwrite an existing file.</summary>
        public Writer(string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
        }

        /// <summary>Rows written so far.</summary>
        public long Count { get; private set; }

        /// <summary>Appends one row.</summary>
        public void Write(Row row)
        {
            line.SetLength(0);
            using (var json = new Utf8JsonWriter(line))
            {
                json.WriteStartObject();
                json.WriteString("stateName", row.StateName);
                json.WriteString("grainId", row.GrainId);
                json.WriteNumber("version", row.Version);
                json.WriteString("etag", row.ETag);
                json.WriteString("operation", row.Operation);
                json.WriteString("actor", row.Actor);
                json.WriteString("reason", row.Reason);
                json.WriteString("recordedAt", row.RecordedAt.ToUniversalTime());
                json.WritePropertyName("state");
                if (row.StateJson is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    // Kept as the JSON text it was stored as: the archive is a copy, not a re-serialization.
                    json.WriteRawValue(row.StateJson, skipInputValidation: false);
                }

                json.WriteEndObject();
            }

            line.WriteByte((byte)'\n');
            digest.AppendData(line.GetBuffer(), 0, (int)line.Length);
            gzip.Write(line.GetBuffer(), 0, (int)line.Length);
            Count++;
        }

        /// <summary>Finishes the file, flushes it to disk and returns the SHA-256 (hex) of the lines written.</summary>
        public string Complete()
        {
            gzip.Dispose();
            file.Flush(flushToDisk: true);
            file.Dispose();
            return Convert.ToHexString(digest.GetHashAndReset());
        }

        public void Dispose()
        {
            gzip.Dispose();
            file.Dispose();
            digest.Dispose();
            line.Dispose();
        }
    }

    /// <summary>
    /// Reads the archive back: every line must be a JSON object; returns the line count and the SHA-256 (hex) of the
    /// uncompressed lines.
    /// </summary>
    public static async Task<(long Rows, string Sha256)> VerifyAsync(string path,
        CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, new UTF8Encoding(false, throwOnInvalidBytes: true));
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            using (var document = JsonDocument.Parse(text))
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"Line {rows + 1} of {path} is not a JSON object.");
                }
            }

            digest.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
            rows++;
        }

        return (rows, Convert.ToHexString(digest.GetHashAndReset()));
    }

    /// <summary>
    /// Reads the archive back and throws unless it holds exactly the <paramref name="rows"/> lines written, with the
    /// digest <paramref name="written"/>: the check a migration makes before it drops the history copy.
    /// </summary>
    public static async Task EnsureReadsBackAsync(string path, long rows, string written,
        CancellationToken cancellationToken = default)
    {
        var (readBack, digest) = await VerifyAsync(path, cancellationToken);
        if (readBack != rows || digest != written)
        {
            throw new InvalidOperationException(
                $"The archive '{path}' reads back {readBack} rows (digest {digest}) but {rows} were written " +
                $"(digest {written}); the history copy was left in place.");
        }
    }

    /// <summary>Reads every row of an archive, in the order written.</summary>
    public static async IAsyncEnumerable<Row> ReadAsync(string path,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var state = root.GetProperty("state");
            yield return new Row(
                root.GetProperty("stateName").GetString()!,
                root.GetProperty("grainId").GetString()!,
                root.GetProperty("version").GetInt64(),
                root.GetProperty("etag").GetString(),
                root.GetProperty("operation").GetString()!,
                root.GetProperty("actor").GetString()!,
                root.GetProperty("reason").GetString(),
                root.GetProperty("recordedAt").GetDateTimeOffset(),
                state.ValueKind == JsonValueKind.Null ? null : state.GetRawText());
        }
    }
}
