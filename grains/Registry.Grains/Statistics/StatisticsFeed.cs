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
/// <see cref="PublishAsync"/> is the grain's fast path right after its write: a failed hand-over never fails the
/// write (it is committed), it is logged. The guarantee is the outbox: the write added an outbox row in its own
/// transaction, and the silo's relay asks the grain to publish (<see cref="SendAsync"/>, which throws so the relay
/// tries again) until it has, so a process dying between a record's write and this hand-over leaves the figures
/// short only until the relay of the next start has run.
/// </remarks>
public sealed class StatisticsFeed(IGrainFactory grains, ILogger logger)
{
    private readonly HashSet<StatisticsFact> sent = [];
    private readonly Dictionary<string, List<StatisticsFact>> sentLevels = new(StringComparer.Ordinal);

    /// <summary>Forgets what was handed over, so that the next hand-over sends everything again.</summary>
    public void Forget()
    {
        sent.Clear();
        sentLevels.Clear();
    }

    /// <summary>Hands over what the read model has not had from this activation; logs a failure. True when the
    /// read model has everything.</summary>
    public async Task<bool> PublishAsync(string recordKey, RecordStatistics statistics)
    {
        try
        {
            await SendAsync(recordKey, statistics);
            return true;
        }
        catch (Exception error)
        {
            // The record is stored and its outbox row pending; the relay sends it again (see remarks).
            logger.LogWarning(error, "Statistics of {Record} not handed over; the outbox relay sends them again",
                recordKey);
            return false;
        }
    }

    /// <summary>Hands over what the read model has not had from this activation; throws when it could not.</summary>
    public async Task SendAsync(string recordKey, RecordStatistics statistics)
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
}
