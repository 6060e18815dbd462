using System.Text.Json;
using Registry.Grains;
using Registry.Grains.Persons;
using Registry.Storage;

namespace Registry.Hosting.Persons;

/// <summary>
/// Moves the access-log partitions of earlier builds (one <see cref="AccessLogState"/> per day and shard, state name
/// <see cref="StorageNames.AccessLog"/>) into the append-only log: each partition's entries are appended and the
/// partition removed in one transaction (<see cref="IAccessLogStore"/>'s move), so a crash leaves every partition
/// either moved or untouched and a rerun moves only what is left. Part of <c>migrate-storage</c>; silos stopped.
/// </summary>
public static class AccessLogMigration
{
    /// <summary>Moves every stored partition; returns how many partitions and entries were moved.</summary>
    public static async Task<(int Partitions, int Entries)> MoveAsync(IGrainStateStore store,
        CancellationToken cancellationToken = default)
    {
        var (partitions, entries) = (0, 0);
        await foreach (var record in store.ReadAllAsync(StorageNames.AccessLog, cancellationToken: cancellationToken))
        {
            var state = JsonSerializer.Deserialize<AccessLogState>(record.State.Utf8Json.Span, RegistryJson.StateOptions)
                        ?? new AccessLogState();
            await store.MoveStateToAccessLogAsync(record.Key, record.State.ETag, state.Entries, cancellationToken);
            partitions++;
            entries += state.Entries.Count;
        }

        return (partitions, entries);
    }
}
