using Microsoft.Extensions.Logging;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>
/// A record grain's hook into the statistics read model: after each committed write the grain hands over everything
/// the record contributes (<see cref="RecordStatistics"/>, computed from its state by a pure function), and this sends
/// what the read model has not had from this activation yet, to the office-month partitions and province level grains
/// it belongs to. Everything sent is keyed by fact id or record, so sending again is harmless. One per activation;
/// not thread-safe (a grain's turns are serial).
/// </summary>
/// <remarks>
/// A failed hand-over never fails the write (it is committed): it is logged, and the record's next committed change,
/// or its next activation's first one, sends it again. Until the outbox of the persistence issue exists, a process
/// dying between a record's write and this hand-over leaves the figures short until that record changes again.
/// </remarks>
public sealed class StatisticsFeed(IGrainFactory grains, ILogger logger)
{
    private readonly HashSet<StatisticsFact> sent = [];
    private readonly Dictionary<string, List<StatisticsFact>> sentLevels = new(StringComparer.Ordinal);

    public async Task PublishAsync(string recordKey, RecordStatistics statistics)
    {
        try
        {
            var fresh = statistics.Period.Where(fact => !sent.Contains(fact)).ToList();
            var levels = statistics.Levels.GroupBy(change => StatisticsKeys.Province(change.Office))
                .ToDictionary(group => group.Key, group => group.ToList(), StringComparer.Ordinal);
            var changedLevels = levels.Where(pair =>
                    !sentLevels.TryGetValue(pair.Key, out var known) || !known.SequenceEqual(pair.Value))
                .ToList();
            await Task.WhenAll(fresh.GroupBy(fact => StatisticsKeys.Partition(fact.Office, fact.Date))
                .Select(group => grains.Get<IStatisticsPartitionGrain>(group.Key).ApplyAsync(group.ToList()))
                .Concat(changedLevels.Select(pair =>
                    grains.Get<IStatisticsLevelGrain>(pair.Key).ApplyAsync(recordKey, pair.Value))));
            sent.UnionWith(fresh);
            foreach (var (province, changes) in changedLevels)
            {
                sentLevels[province] = changes;
            }
        }
        catch (Exception error)
        {
            // The record is stored; its next committed change sends what is missing again (see remarks).
            logger.LogWarning(error, "Statistics of {Record} not handed over; sent again with its next change",
                recordKey);
        }
    }
}
