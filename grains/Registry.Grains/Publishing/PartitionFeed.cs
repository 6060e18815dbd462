using Microsoft.Extensions.Logging;

namespace Registry.Grains.Publishing;

/// <summary>
/// A record grain's hook into a partitioned read model (offices' day registers, the person-name index), beside the
/// statistics feed and on the same guarantee: after each committed write it sends each partition the record's
/// entries there, if they changed since this activation last sent them; the outbox relay calls
/// <see cref="SendAsync"/> until it has. Partitions apply a record's entries by replacing them, so sending again is
/// harmless. One per activation; not thread-safe (a grain's turns are serial).
/// </summary>
public sealed class PartitionFeed<TEntry>(
    Func<TEntry, string> partitionOf,
    Func<string, string, IReadOnlyList<TEntry>, Task> send,
    ILogger logger)
{
    private readonly Dictionary<string, List<TEntry>> sent = new(StringComparer.Ordinal);

    /// <summary>Forgets what was sent, so that the next send sends every partition again.</summary>
    public void Forget() => sent.Clear();

    /// <summary>Sends what changed; logs a failure (the outbox relay sends it again).</summary>
    public async Task PublishAsync(string recordKey, IReadOnlyList<TEntry> entries)
    {
        try
        {
            await SendAsync(recordKey, entries);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Read-model entries of {Record} not handed over; the outbox relay sends them again",
                recordKey);
        }
    }

    /// <summary>Sends what changed; throws when it could not.</summary>
    public async Task SendAsync(string recordKey, IReadOnlyList<TEntry> entries)
    {
        var changed = entries.GroupBy(partitionOf, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Entries: g.ToList()))
            .Where(p => !sent.TryGetValue(p.Key, out var known) || !known.SequenceEqual(p.Entries))
            .ToList();
        await Task.WhenAll(changed.Select(p => send(p.Key, recordKey, p.Entries)));
        foreach (var (key, value) in changed)
        {
            sent[key] = value;
        }
    }
}
