using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Grains.Storage;

namespace Registry.Grains.Spatial;

/// <summary>
/// How a record grain keeps its tiles in step: (1) store the change, with the tiles its entries are in now and every
/// tile it has left (the write adds an outbox row, <see cref="Publishing.ReadModelPublication"/>); (2) publish the new
/// entries to every tile it is in and an empty set to the tiles it left, right after the write (retried by the record
/// on failure) and again from the outbox relay until that has succeeded. Every step is idempotent, ordered by the record's revision, so a tile that
/// already holds a revision ignores it.
/// </summary>
internal static class SpatialIndexing
{
    /// <summary>How often a record whose publication failed tries again (the outbox relay, where there is one, tries
    /// as well).</summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromSeconds(30);

    /// <summary>Clips each geometry into per-tile entries copied from its template entry.</summary>
    public static Dictionary<TileId, List<TileEntry>> EntriesByTile(SpatialLayer layer,
        IEnumerable<(Geometry Geometry, TileEntry Template)> parts)
    {
        var byTile = new Dictionary<TileId, List<TileEntry>>();
        foreach (var (geometry, template) in parts)
        {
            foreach (var (x, y, piece) in SpatialTiling.Split(geometry))
            {
                var tile = new TileId(layer, x, y);
                if (!byTile.TryGetValue(tile, out var entries))
                {
                    byTile[tile] = entries = [];
                }

                entries.Add(template with { Wkb = Wgs84.ToWkb(piece) });
            }
        }

        return byTile;
    }

    public static Task PublishAsync(IGrainFactory grains, string recordKey, long revision,
        IReadOnlyDictionary<TileId, List<TileEntry>> entries, IEnumerable<string> leftTileKeys) =>
        Task.WhenAll(entries
            .Select(e => grains.Get<ISpatialTileGrain>(e.Key.Key).PutAsync(recordKey, revision, e.Value))
            .Concat(leftTileKeys.Select(key =>
                grains.Get<ISpatialTileGrain>(key).PutAsync(recordKey, revision, []))));
}

/// <summary>The part of a record's stored state the spatial index keeps: the revision of its entries, the tiles that
/// hold them, and the tiles it has left (told again with every publication; as many as the tiles its geometry ever
/// covered and no longer does).</summary>
internal interface IIndexedState
{
    long Revision { get; set; }

    List<string> Tiles { get; set; }

    List<string> LeftTiles { get; set; }
}

/// <summary>
/// A record grain's side of <see cref="SpatialIndexing"/>: its last committed revision and how to compute that
/// revision's entries (computed once, on demand). Tiles are told only what is committed, never state being changed.
/// Used from one activation's turns only.
/// </summary>
internal sealed class RecordIndex(ILogger logger)
{
    private long revision = -1;
    private Func<Dictionary<TileId, List<TileEntry>>> source = () => [];
    private Dictionary<TileId, List<TileEntry>>? entries;
    private List<string> leftTiles = [];
    private IGrainTimer? retry;

    /// <summary>Records what is committed now; <paramref name="computed"/> when the entries are already known.</summary>
    public void Committed(IIndexedState committed, Func<Dictionary<TileId, List<TileEntry>>> entriesSource,
        Dictionary<TileId, List<TileEntry>>? computed = null)
    {
        revision = committed.Revision;
        leftTiles = committed.LeftTiles.ToList();
        source = entriesSource;
        entries = computed;
    }

    /// <summary>
    /// Stores the record's state (already changed) as its next revision, with the tiles of its entries and those it
    /// left, then publishes to them unless <paramref name="inline"/> is false (the outbox relay does it then). A failed
    /// publication is logged and retried from a grain timer every <see cref="SpatialIndexing.RetryPeriod"/> (and by the
    /// relay, on backends with an outbox). A failed write reloads the stored state and rethrows, leaving nothing
    /// changed.
    /// </summary>
    public async Task StoreAsync<TState>(Grain grain, IGrainFactory grains, IPersistentState<TState> state,
        string recordKey, Func<TState, Func<Dictionary<TileId, List<TileEntry>>>> entriesOf, bool inline)
        where TState : IIndexedState
    {
        var record = state.State;
        var oldTiles = record.Tiles.ToList();
        record.Revision++;
        var computeEntries = entriesOf(record);
        var current = computeEntries();
        record.Tiles = current.Keys.Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        record.LeftTiles = record.LeftTiles.Union(oldTiles, StringComparer.Ordinal)
            .Except(record.Tiles, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await state.WriteOrReloadAsync();
        Committed(record, computeEntries, current);
        if (!inline)
        {
            return;
        }

        retry?.Dispose();
        retry = null;
        try
        {
            await PublishAsync(grains, recordKey);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Index update of {Record} (revision {Revision}) failed; retrying every {Period}",
                recordKey, revision, SpatialIndexing.RetryPeriod);
            retry = grain.RegisterGrainTimer(async _ =>
            {
                await PublishAsync(grains, recordKey);
                retry?.Dispose();
                retry = null;
            }, new GrainTimerCreationOptions
            {
                DueTime = SpatialIndexing.RetryPeriod,
                Period = SpatialIndexing.RetryPeriod,
                Interleave = false,
                KeepAlive = true,
            });
        }
    }

    /// <summary>The committed part of <paramref name="tile"/>, or null if the tile already has that revision (asked
    /// only by a tile moving from the earlier layout).</summary>
    public IndexedRecordPart? PartFor(TileId tile, long knownRevision)
    {
        if (knownRevision == revision)
        {
            return null;
        }

        entries ??= source();
        return new IndexedRecordPart(revision, entries.TryGetValue(tile, out var mine) ? mine : []);
    }

    /// <summary>Tells every tile of the committed revision its entries, and the tiles left that they hold none; throws
    /// when a tile could not be told (the caller, or the outbox relay, tries again). Nothing for a record never
    /// stored.</summary>
    public Task PublishAsync(IGrainFactory grains, string recordKey)
    {
        if (revision <= 0)
        {
            return Task.CompletedTask;
        }

        entries ??= source();
        return SpatialIndexing.PublishAsync(grains, recordKey, revision, entries, leftTiles);
    }
}
