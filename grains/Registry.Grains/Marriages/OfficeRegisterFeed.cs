using Microsoft.Extensions.Logging;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>
/// A marriage grain's hook into the offices' day registers, beside the statistics feed and on the same guarantee:
/// after each committed write it sends each partition the record's entries there, if they changed since this
/// activation last sent them; the outbox relay calls <see cref="SendAsync"/> until it has. One per activation; not
/// thread-safe (a grain's turns are serial).
/// </summary>
public sealed class OfficeRegisterFeed(IGrainFactory grains, ILogger logger)
{
    private readonly Dictionary<string, List<OfficeDayEntry>> sent = new(StringComparer.Ordinal);

    /// <summary>Sends what changed; logs a failure (the outbox relay sends it again).</summary>
    public async Task PublishAsync(string recordKey, IReadOnlyList<OfficeDayEntry> entries)
    {
        try
        {
            await SendAsync(recordKey, entries);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Register entries of {Record} not handed over; the outbox relay sends them again",
                recordKey);
        }
    }

    /// <summary>Sends what changed; throws when it could not.</summary>
    public async Task SendAsync(string recordKey, IReadOnlyList<OfficeDayEntry> entries)
    {
        var partitions = entries.GroupBy(e => e.PartitionKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var changed = partitions
            .Where(pair => !sent.TryGetValue(pair.Key, out var known) || !known.SequenceEqual(pair.Value))
            .ToList();
        await Task.WhenAll(changed.Select(pair =>
            grains.Get<IOfficeRegisterGrain>(pair.Key).ApplyAsync(recordKey, pair.Value)));
        foreach (var (key, value) in changed)
        {
            sent[key] = value;
        }
    }
}
