using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Grains.Storage;

namespace Registry.Grains.Spatial;

/// <summary>
/// How a record grain keeps its tiles in step: (1) before storing a change, reserve the tiles it enters (they persist
/// that they hold the record, so a rebuild after a crash asks the record); (2) store the change; (3) publish the new
/// entries to every tile it is in and an empty set to the tiles it left. Every step is idempotent, ordered by the
/// record's revision. A failed publish is retried by the record (<see cref="RetryPeriod"/>); and each tile re-asks its
/// records every <see cref="SpatialTileGrain.RefreshPeriod"/>, so a lost notification heals on its own.
/// </summary>
internal static class SpatialIndexing
{
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

    public static Task ReserveAsync(IGrainFactory grains, string recordKey, IEnumerable<string> tileKeys) =>
        Task.WhenAll(tileKeys.Select(key => grains.Get<ISpatialTileGrain>(key).ReserveAsync(recordKey)));

    public static Task PublishAsync(IGrainFactory grains, string recordKey, long revision,
        IReadOnlyDictionary<TileId, List<TileEntry>> entries, IEnumerable<string> leftTileKeys) =>
        Task.WhenAll(entries
            .Select(e => grains.Get<ISpatialTileGrain>(e.Key.Key).PutAsync(recordKey, revision, e.Value))
            .Concat(leftTileKeys.Select(key =>
                grains.Get<ISpatialTileGrain>(key).PutAsync(recordKey, revision, []))));
}

/// <summary>The part of a record's stored state the spatial index keeps: the revision of its entries and the tiles
/// that hold them.</summary>
internal interface IIndexedState
{
    long Revision { get; set; }

    List<string> Tiles { get; set; }
}

/// <summary>
/// A record grain's side of <see cref="SpatialIndexing"/>: its last committed revision and how to compute that
/// revision's entries (computed once, on demand). Tiles are answered from this committed copy only, never from state
/// being changed. Used from one activation's turns only.
/// </summary>
internal sealed class RecordIndex(ILogger logger)
{
    private long revision = -1;
    private Func<Dictionary<TileId, List<TileEntry>>> source = () => [];
    private Dictionary<TileId, List<TileEntry>>? entries;
    private IGrainTimer? retry;

    /// <summary>Records what is committed now; <paramref name="computed"/> when the entries are already known.</summary>
    public void Committed(long committedRevision, Func<Dictionary<TileId, List<TileEntry>>> entriesSource,
        Dictionary<TileId, List<TileEntry>>? computed = null)
    {
        revision = committedRevision;
        source = entriesSource;
        entries = computed;
    }

    /// <summary>
    /// Stores the record's state (already changed) as its next revision and indexes it: the tiles it newly enters
    /// are reserved before the write, so a tile refreshing from its members asks this record; the write is audited;
    /// the entries are then published, to the tiles the record left too. A refused reservation reloads the stored
    /// state and rethrows, leaving nothing changed.
    /// </summary>
    public async Task StoreAsync<TState>(Grain grain, IGrainFactory grains, IPersistentState<TState> state,
        string recordKey, Func<TState, Func<Dictionary<TileId, List<TileEntry>>>> entriesOf, string operation,
        string? reason)
        where TState : IIndexedState
    {
        var record = state.State;
        var oldTiles = record.Tiles.ToList();
        record.Revision++;
        var computeEntries = entriesOf(record);
        var current = computeEntries();
        record.Tiles = current.Keys.Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        try
        {
            await SpatialIndexing.ReserveAsync(grains, recordKey, record.Tiles.Except(oldTiles));
        }
        catch
        {
            await state.ReadStateAsync();
            throw;
        }

        await state.WriteAuditedAsync(operation, reason);
        Committed(record.Revision, computeEntries, current);
        await PublishAsync(grain, grains, recordKey, record.Revision, current, oldTiles.Except(record.Tiles).ToList());
    }

    /// <summary>The committed part of <paramref name="tile"/>, or null if the tile already has that revision.</summary>
    public IndexedRecordPart? PartFor(TileId tile, long knownRevision)
    {
        if (knownRevision == revision)
        {
            return null;
        }

        entries ??= source();
        return new IndexedRecordPart(revision, entries.TryGetValue(tile, out var mine) ? mine : []);
    }

    /// <summary>Publishes after a committed write; on failure logs and retries from a grain timer.</summary>
    public async Task PublishAsync(Grain grain, IGrainFactory grains, string recordKey, long publishedRevision,
        IReadOnlyDictionary<TileId, List<TileEntry>> current, IReadOnlyList<string> leftTiles)
    {
        retry?.Dispose();
        retry = null;
        try
        {
            await SpatialIndexing.PublishAsync(grains, recordKey, publishedRevision, current, leftTiles);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Index update of {Record} (revision {Revision}) failed; retrying every {Period}",
                recordKey, publishedRevision, SpatialIndexing.RetryPeriod);
            retry = grain.RegisterGrainTimer(async _ =>
            {
                await SpatialIndexing.PublishAsync(grains, recordKey, publishedRevision, current, leftTiles);
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
}
