using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Abstractions.Errors;
using Registry.Grains.Storage;
using Registry.Storage;
using Registry.Storage.AzureTable;

namespace Registry.Hosting;

/// <summary>
/// <see cref="IStoredRecords"/> where the grain states are kept by the official Azure Table provider: every record
/// of a kind listed by one query over its partition-key range (<see cref="AzureTableStateListing"/>; callers asking
/// together share one, <see cref="SharedStateListing"/>), read in the
/// JSON the grain storage writes, so that what reads every record (the organization and place-name indexes rebuilt
/// from their records) works on Azure too. A record kind's states are those its grains keep under the kind's own
/// name (grain type and state name are both <c>organization</c>, <c>place-name</c>, ...). Storage that cannot be
/// read at the moment surfaces as <see cref="StorageUnavailableException"/> (a 503), as with the Registry's own
/// stores. A partition's states by grain-id prefix (<see cref="ReadPrefixAsync{T}"/>: an index partition's 2,048
/// pieces) are one query too, where the ids are exact in the provider's keys; batched reads stay by key.
/// <para>
/// The provider turns '/', '\', '#' and '?' into '_' in its keys, so a key holding '_' could stand for any of them:
/// a prefix read that meets one answers null (the caller then reads by key), and the record kinds read whole here
/// (organizations by their codes, place names by their ids) hold none.
/// </para>
/// </summary>
public sealed class AzureTableStoredRecords(IStateListing listing) : IStoredRecords
{
    public async Task<IReadOnlyList<StoredGrainState<T>>?> ReadPrefixAsync<T>(string stateName, string grainIdPrefix,
        CancellationToken cancellationToken = default)
    {
        var type = grainIdPrefix.IndexOf('/');
        if (type < 0 || !AzureTableStateListing.IsExact(grainIdPrefix.AsSpan(type + 1)))
        {
            return null;
        }

        var states = new List<StoredGrainState<T>>();
        await foreach (var listed in ListAsync(stateName, grainIdPrefix, cancellationToken))
        {
            if (!AzureTableStateListing.IsExact(listed.GrainId.AsSpan(grainIdPrefix.Length)))
            {
                return null;
            }

            states.Add(new StoredGrainState<T>(listed.GrainId, listed.ETag,
                JsonSerializer.Deserialize<T>(listed.Utf8Json.Span, RegistryJson.StateOptions)!));
        }

        return states;
    }

    public async IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, Func<string, bool>? keyFilter = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = stateName + "/";
        await foreach (var listed in ListAsync(stateName, prefix, cancellationToken))
        {
            if (keyFilter is not null && !keyFilter(listed.GrainId[prefix.Length..]))
            {
                continue;
            }

            if (JsonSerializer.Deserialize<T>(listed.Utf8Json.Span, RegistryJson.StateOptions) is { } state)
            {
                yield return state;
            }
        }
    }

    // Storage that cannot be read at the moment surfaces as StorageUnavailableException (the backend's own exception
    // type cannot cross a grain call).
    private async IAsyncEnumerable<ListedGrainState> ListAsync(string stateName, string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var states = listing.ListAsync(stateName, prefix, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await states.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception error) when (StorageFaults.IsStorageFault(error))
            {
                throw StoredRecords.Unreadable(stateName, error);
            }

            yield return states.Current;
        }
    }
}
