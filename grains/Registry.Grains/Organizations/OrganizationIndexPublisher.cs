using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// Carries organization grains' index entries to their partitions in batches: group commit for the search index.
/// An entry handed over while its partition is busy with an earlier batch waits for the next one, which takes
/// everything waiting then in one <see cref="IOrganizationIndexGrain.UpsertManyAsync"/> call (one write per piece
/// touched, in one storage commit); an entry handed over to an idle partition goes at once, so nothing waits for a
/// timer and a lone registration costs what it did. Each caller's task completes when the batch holding its entry
/// is stored, or fails with that batch's failure, exactly as its own upsert would: what a grain does after (mark the
/// entry published, or retry) is unchanged. During an import of the register, 64 rows in flight and the outbox
/// relay's publications share a partition's batches instead of taking one grain call and one piece write each.
/// Thread-safe; one per silo.
/// </summary>
public sealed class OrganizationIndexPublisher(IGrainFactory grains)
{
    /// <summary>Most entries one batch carries (a partition call's size stays bounded).</summary>
    public const int MaxBatch = 1_024;

    private readonly Lane[] lanes = Enumerable.Range(0, OrganizationIndex.PartitionCount)
        .Select(partition => new Lane(partition)).ToArray();

    /// <summary>Stores <paramref name="entry"/> in its partition (see <see cref="IOrganizationIndexGrain.UpsertAsync"/>);
    /// completes when it is stored.</summary>
    public Task UpsertAsync(OrganizationIndexEntry entry)
    {
        var lane = lanes[OrganizationIndex.PartitionOf(entry.Uscc)];
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (lane)
        {
            lane.Waiting.Add((entry, stored));
            start = !lane.Sending;
            lane.Sending = true;
        }

        if (start)
        {
            // Off the caller's scheduler and without its request context (a batch is many callers'): the lane sends
            // batch after batch until nothing waits.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(() => SendAsync(lane));
            }
        }

        return stored.Task;
    }

    private async Task SendAsync(Lane lane)
    {
        var partition = grains.Get<IOrganizationIndexGrain>(lane.Partition);
        while (true)
        {
            List<(OrganizationIndexEntry Entry, TaskCompletionSource Stored)> batch;
            lock (lane)
            {
                if (lane.Waiting.Count == 0)
                {
                    lane.Sending = false;
                    return;
                }

                var take = Math.Min(lane.Waiting.Count, MaxBatch);
                batch = lane.Waiting.GetRange(0, take);
                lane.Waiting.RemoveRange(0, take);
            }

            try
            {
                await partition.UpsertManyAsync(batch.Select(item => item.Entry).ToList());
                foreach (var (_, stored) in batch)
                {
                    stored.TrySetResult();
                }
            }
            catch (Exception error)
            {
                foreach (var (_, stored) in batch)
                {
                    stored.TrySetException(error);
                }
            }
        }
    }

    private sealed class Lane(int partition)
    {
        public int Partition { get; } = partition;

        public List<(OrganizationIndexEntry Entry, TaskCompletionSource Stored)> Waiting { get; } = [];

        public bool Sending { get; set; }
    }
}
