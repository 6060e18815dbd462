using System.Collections.Concurrent;

namespace Registry.Grains.Publishing;

/// <summary>
/// How record grains reach their read models. Every write of a state named in <see cref="StateNames"/> adds an
/// outbox row in its own transaction, and the silo's relay asks the record's grain to publish
/// (<see cref="Abstractions.Grains.IPublishingGrain.PublishAsync"/>) until it has: that is the guarantee. The grain
/// also publishes right after its own write (<see cref="Inline"/>), so a caller reads its own change in a search or a
/// figure at once. One per silo.
/// </summary>
public sealed class ReadModelPublication
{
    /// <summary>The state names whose writes feed a read model, and so write an outbox row: marriages,
    /// organizations, place names and house numbers, boundary lines and joint inspections, marriage-record extracts,
    /// division geometry and boundary markers, divisions (statistics, the organization and place-name indexes, the
    /// boundary report, the spatial tiles, the division directory).</summary>
    public static IReadOnlyList<string> StateNames { get; } =
    [
        StorageNames.Marriage, StorageNames.Organization, StorageNames.PlaceName, StorageNames.HouseNumberBlock,
        StorageNames.BoundaryLine, StorageNames.JointInspection, StorageNames.MarriageRecordExtract,
        StorageNames.DivisionGeometry, StorageNames.BoundaryMarker, StorageNames.Division,
    ];

    /// <summary>The state names whose grains tell <see cref="Published"/> when they have published a write
    /// themselves: organizations and marriages.</summary>
    public static IReadOnlyList<string> ReportedStateNames { get; } = [StorageNames.Organization, StorageNames.Marriage];

    /// <summary>
    /// Whether a grain publishes right after its own write (true unless a test turns it off through
    /// <c>Registry:Testing:PublishInline</c> to stand for a process that died between the write and its
    /// publication).
    /// </summary>
    public bool Inline { get; init; } = true;

    /// <summary>How many records <see cref="StoredWithoutGrain"/> remembers at most (about 150 bytes each); a record
    /// beyond it whose write the process's outbox tracks is waited for and published through its grain.</summary>
    public const int MaxStoredWithoutGrain = 1_000_000;

    private readonly ConcurrentDictionary<string, bool> storedWithoutGrain = new(StringComparer.Ordinal);

    /// <summary>
    /// Remembers that the record <paramref name="grainId"/> is being stored by a bulk path without its grain (the
    /// archive import): its outbox row is then published with the others of its batch by an
    /// <see cref="IBulkPublisher"/>, one call and one write per read-model partition, instead of activating the
    /// record's grain, and without waiting for a grain that is not publishing it. A hint only, held in memory by this
    /// silo: after a restart, or on another silo, the relay publishes the row in bulk as it does every row no grain of
    /// its process wrote. Call it before the write, so the relay woken by that write already sees it;
    /// <see cref="Forget"/> when the write did not happen.
    /// </summary>
    public void StoredWithoutGrain(string grainId)
    {
        if (storedWithoutGrain.Count < MaxStoredWithoutGrain)
        {
            storedWithoutGrain.TryAdd(grainId, true);
        }
    }

    /// <summary>Whether <paramref name="grainId"/> was stored without its grain and not yet published since.</summary>
    public bool IsStoredWithoutGrain(string grainId) => storedWithoutGrain.ContainsKey(grainId);

    /// <summary>Forgets a record of <see cref="StoredWithoutGrain"/> (published, or not stored after all).</summary>
    public void Forget(string grainId) => storedWithoutGrain.TryRemove(grainId, out _);

    /// <summary>
    /// Told (state name, grain id as stored) when a grain's read models hold its state as it last wrote it, so the
    /// outbox relay need not ask the grain for that write again; nothing is told when null (no outbox).
    /// </summary>
    public Action<string, string>? Published { get; init; }

    /// <summary>The grain <paramref name="grainId"/> has published its state of <paramref name="stateName"/> as it
    /// last wrote it: its index entry and figures are stored.</summary>
    public void PublishedAll(string stateName, GrainId grainId) => Published?.Invoke(stateName, grainId.ToString());
}
