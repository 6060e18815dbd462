namespace Registry.Storage.AzureTable;

/// <summary>One stored state as a listing gives it: its grain id (<c>type/key</c>), the ETag a read through the
/// provider gives, its UTF-8 JSON.</summary>
public sealed record ListedGrainState(string GrainId, string ETag, ReadOnlyMemory<byte> Utf8Json);

/// <summary>Lists the states stored under a state name for the grain ids that start with a prefix, in grain-id order
/// (<see cref="AzureTableStateListing"/>; <see cref="SharedStateListing"/> shares one among concurrent callers).
/// </summary>
public interface IStateListing
{
    IAsyncEnumerable<ListedGrainState> ListAsync(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default);
}
