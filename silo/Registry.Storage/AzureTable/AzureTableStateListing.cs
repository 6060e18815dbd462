using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Registry.Storage.AzureTable;

/// <summary>
/// Lists what the official Azure Table provider stored under one state name for the grain ids that start with a
/// prefix, in one query over a range of partition keys: the reads a rebuild of an index from every record, or an
/// index partition loading its stored pieces, would otherwise make one request at a time.
/// <para>
/// It relies on the provider's documented layout (Microsoft.Orleans.Persistence.AzureStorage): an entity's partition
/// key is the service id, '_' and the grain id's text, its row key the state name, both with '/', '\', '#' and '?'
/// turned into '_'; the state is the serializer's bytes in the binary columns <c>Data</c>, <c>Data1</c> ...
/// <c>Data14</c> (64 KB each), or, where the provider was told to store strings, in <c>StringData</c> ...
/// <c>StringData14</c>. The Registry's serializer writes JSON (<see cref="RegistryJsonGrainStorageSerializer"/>), so
/// the bytes are the state's UTF-8 JSON. A grain id is given back as the prefix asked followed by the rest of the
/// partition key: exact for the Registry's record keys (codes, numbers, ids), which hold none of the four characters.
/// </para>
/// </summary>
public sealed class AzureTableStateListing(TableServiceClient service, string tableName, string serviceId)
    : IStateListing
{
    private const int Chunks = 15;

    private static readonly string[] Columns =
    [
        "PartitionKey",
        .. Enumerable.Range(0, Chunks).Select(i => ChunkName("Data", i)),
        .. Enumerable.Range(0, Chunks).Select(i => ChunkName("StringData", i)),
    ];

    private readonly TableClient table = service.GetTableClient(tableName);

    /// <summary>The states of <paramref name="stateName"/> whose grain id starts with
    /// <paramref name="grainIdPrefix"/>, in grain-id order. Nothing when the table does not exist yet.</summary>
    public async IAsyncEnumerable<ListedGrainState> ListAsync(string stateName, string grainIdPrefix,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var low = Sanitize($"{serviceId}_{grainIdPrefix}");
        var filter = low.Length == 0
            ? TableClient.CreateQueryFilter($"RowKey eq {Sanitize(stateName)}")
            : TableClient.CreateQueryFilter(
                $"PartitionKey ge {low} and PartitionKey lt {Successor(low)} and RowKey eq {Sanitize(stateName)}");
        var pages = table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: Columns,
            cancellationToken: cancellationToken);
        await using var entities = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await entities.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (RequestFailedException missing) when (missing.Status == 404)
            {
                yield break;
            }

            var entity = entities.Current;
            if (Json(entity) is { Length: > 0 } json)
            {
                yield return new ListedGrainState(grainIdPrefix + entity.PartitionKey[low.Length..],
                    entity.ETag.ToString(), json);
            }
        }
    }

    /// <summary>A partition or row key as the provider makes it from a grain id, a service id or a state name.
    /// </summary>
    public static string Sanitize(string key) =>
        key.Replace('/', '_').Replace('\\', '_').Replace('#', '_').Replace('?', '_');

    /// <summary>Whether <paramref name="key"/> (part of a grain id after its type) reads back as it was written: it
    /// holds none of the characters <see cref="Sanitize"/> replaces, nor the '_' that stands for them.</summary>
    public static bool IsExact(ReadOnlySpan<char> key) => key.IndexOfAny("/\\#?_") < 0;

    // The first string after every string that starts with prefix (which is not empty).
    private static string Successor(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static string ChunkName(string column, int index) => index == 0 ? column : column + index;

    private static byte[] Json(TableEntity entity)
    {
        var binary = new List<byte[]>();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < Chunks; i++)
        {
            switch (entity.TryGetValue(ChunkName("Data", i), out var data) ? data : null)
            {
                case byte[] { Length: > 0 } bytes:
                    binary.Add(bytes);
                    break;
                case BinaryData bytes:
                    binary.Add(bytes.ToArray());
                    break;
                case string { Length: > 0 } base64:
                    binary.Add(Convert.FromBase64String(base64));
                    break;
            }

            // A string state is split by UTF-16 characters: joined before it is encoded, so that no pair is cut.
            if (entity.TryGetValue(ChunkName("StringData", i), out var chunk) && chunk is string piece)
            {
                text.Append(piece);
            }
        }

        return binary.Count switch
        {
            0 => System.Text.Encoding.UTF8.GetBytes(text.ToString()),
            1 => binary[0],
            _ => binary.SelectMany(b => b).ToArray(),
        };
    }
}
