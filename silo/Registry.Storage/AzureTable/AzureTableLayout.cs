using System.Globalization;
using System.IO.Compression;
using Azure.Data.Tables;

namespace Registry.Storage.AzureTable;

/// <summary>
/// The entity layout of <see cref="AzureTableGrainStateStore"/>, kept identical to the official Orleans Azure Table
/// grain storage (<c>Microsoft.Orleans.Persistence.AzureStorage</c>, <c>AzureTableGrainStorage</c>) for the current
/// state, so a deployment can later switch to that package without moving data:
/// <list type="bullet">
/// <item>PartitionKey: <c>{ServiceId}_{GrainId}</c>, RowKey: the state name, both passed through the official
/// sanitizer (<see cref="Sanitize"/>: <c>/ \ # ?</c> become <c>_</c>; 1,024 characters or more are refused).</item>
/// <item>The state's bytes in the binary properties <c>Data</c>, <c>Data1</c> ... <c>Data14</c>, 64 KiB each (the
/// official limit of 15 chunks, 960 KiB, keeps an entity under the service's 1 MiB).</item>
/// <item>The entity's own ETag is the state's ETag; every change is conditional on it (If-Match).</item>
/// <item>A cleared state is the entity without data properties (the official provider's default
/// <c>DeleteStateOnClear=false</c>), which both providers read as "no state".</item>
/// </list>
/// What the official provider does not have, and ignores: the properties <c>GrainId</c>, <c>StateName</c> (the
/// unsanitized key), <c>Version</c>, <c>Cleared</c>, <c>Encoding</c>, and the history rows. The bytes are the UTF-8
/// JSON of <see cref="RegistryJson"/>; to read them the official provider needs an <c>IGrainStorageSerializer</c>
/// using those System.Text.Json options. States over 960 KiB, which the official provider refuses to store, are
/// kept gzip-compressed (<c>Encoding=gzip</c>).
/// </summary>
internal static class AzureTableLayout
{
    public const string Gzip = "gzip";

    /// <summary>Bytes per data property (Azure's limit for one binary property).</summary>
    public const int ChunkSize = 64 * 1024;

    /// <summary>Data properties per entity, as in the official provider.</summary>
    public const int MaxChunks = 15;

    public const int MaxDataBytes = ChunkSize * MaxChunks;

    /// <summary>Entity property names.</summary>
    public static class Property
    {
        public const string Data = "Data";
        public const string GrainId = "GrainId";
        public const string StateName = "StateName";
        public const string Version = "Version";
        public const string Cleared = "Cleared";
        public const string Encoding = "Encoding";
        public const string StateETag = "StateETag";
        public const string Operation = "Operation";
        public const string Actor = "Actor";
        public const string Reason = "Reason";
        public const string RecordedAt = "RecordedAt";
    }

    /// <summary>
    /// History rows share the state's partition (so one entity-group transaction writes both) under the RowKey
    /// <c>{state}@v{version:D19}</c>; this separator therefore cannot appear in a state name.
    /// </summary>
    public const char HistorySeparator = '@';

    /// <summary>
    /// The official provider's key sanitizer (<c>AzureTableUtils.SanitizeTableProperty</c>): the characters Azure
    /// forbids in keys that Orleans grain ids can contain are replaced with '_'; keys of 1,024 or more characters are
    /// refused. Two ids differing only in those characters share a key: the store detects that through the
    /// <c>GrainId</c> property and refuses to mix them.
    /// </summary>
    public static string Sanitize(string key)
    {
        var sanitized = key.Replace('/', '_').Replace('\\', '_').Replace('#', '_').Replace('?', '_');
        if (sanitized.Length >= 1024)
        {
            throw new ArgumentException(
                $"Key length {sanitized.Length} is too long to be an Azure table key: {sanitized}", nameof(key));
        }

        return sanitized;
    }

    public static string PartitionKey(string serviceId, string grainId) => Sanitize($"{serviceId}_{grainId}");

    public static string RowKey(string stateName)
    {
        var rowKey = Sanitize(stateName);
        if (rowKey.Contains(HistorySeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"State name '{stateName}' contains '{HistorySeparator}', which the Azure Table store reserves for " +
                "history rows.", nameof(stateName));
        }

        return rowKey;
    }

    public static string HistoryRowKey(string rowKey, long version) =>
        rowKey + HistorySeparator + "v" + version.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The RowKey range [from, to) holding the state row and every history row of one state name.</summary>
    public static (string From, string To) StateAndHistoryRange(string rowKey) =>
        (rowKey, rowKey + HistorySeparator + "w");

    /// <summary>Puts the JSON into the data properties, compressed when it is too large to store plain.</summary>
    public static void WriteData(TableEntity entity, string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        if (bytes.Length > MaxDataBytes)
        {
            var compressed = Compress(bytes);
            if (compressed.Length > MaxDataBytes)
            {
                throw new ArgumentOutOfRangeException(nameof(json),
                    $"State too large for Azure Table storage: {bytes.Length:N0} bytes, {compressed.Length:N0} " +
                    $"compressed; an entity holds at most {MaxDataBytes:N0}.");
            }

            bytes = compressed;
            entity[Property.Encoding] = Gzip;
        }

        for (var chunk = 0; chunk * ChunkSize < bytes.Length; chunk++)
        {
            var start = chunk * ChunkSize;
            entity[DataProperty(chunk)] = bytes.AsSpan(start, Math.Min(ChunkSize, bytes.Length - start)).ToArray();
        }
    }

    /// <summary>The JSON in the data properties, or null when there are none (no state).</summary>
    public static string? ReadData(TableEntity entity)
    {
        var chunks = new List<byte[]>();
        for (var chunk = 0; chunk < MaxChunks; chunk++)
        {
            if (!entity.TryGetValue(DataProperty(chunk), out var value))
            {
                continue;
            }

            switch (value)
            {
                case byte[] { Length: > 0 } binary:
                    chunks.Add(binary);
                    break;
                case BinaryData binary when !binary.IsEmpty:
                    chunks.Add(binary.ToArray());
                    break;
                // A payload read without type metadata carries binary properties as base64 strings.
                case string { Length: > 0 } text:
                    chunks.Add(Convert.FromBase64String(text));
                    break;
            }
        }

        if (chunks.Count == 0)
        {
            return null;
        }

        var bytes = chunks.SelectMany(chunk => chunk).ToArray();
        if (entity.GetString(Property.Encoding) == Gzip)
        {
            bytes = Decompress(bytes);
        }

        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    private static string DataProperty(int chunk) =>
        chunk == 0 ? Property.Data : Property.Data + chunk.ToString(CultureInfo.InvariantCulture);

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
