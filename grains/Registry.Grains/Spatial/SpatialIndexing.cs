using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;

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
        Task.WhenAll(tileKeys.Select(key => grains.GetGrain<ISpatialTileGrain>(key).ReserveAsync(recordKey)));

    public static Task PublishAsync(IGrainFactory grains, string recordKey, long revision,
        IReadOnlyDictionary<TileId, List<TileEntry>> entries, IEnumerable<string> leftTileKeys) =>
        Task.WhenAll(entries
            .Select(e => grains.GetGrain<ISpatialTileGrain>(e.Key.Key).PutAsync(recordKey, revision, e.Value))
            .Concat(leftTileKeys.Select(key =>
                grains.GetGrain<ISpatialTileGrain>(key).PutAsync(recordKey, revision, []))));
}

/// <summary>A record grain's side of <see cref="SpatialIndexing"/>: its entries, computed once per revision.</summary>
internal sealed class RecordIndex(SpatialLayer layer, ILogger logger)
{
    private Dictionary<TileId, List<TileEntry>>? entries;
    private long entriesRevision = -1;
    private IGrainTimer? retry;

    public SpatialLayer Layer => layer;

    /// <summary>The entries for <paramref name="revision"/>, computing them with <paramref name="compute"/> when they
    /// are not cached for it.</summary>
    public Dictionary<TileId, List<TileEntry>> EntriesFor(long revision,
        Func<Dictionary<TileId, List<TileEntry>>> compute)
    {
        if (entries is null || entriesRevision != revision)
        {
            entries = compute();
            entriesRevision = revision;
        }

        return entries;
    }

    /// <summary>Publishes after a committed write; on failure logs and retries from a grain timer.</summary>
    public async Task PublishAsync(Grain grain, IGrainFactory grains, string recordKey, long revision,
        IReadOnlyDictionary<TileId, List<TileEntry>> current, IReadOnlyList<string> leftTiles)
    {
        retry?.Dispose();
        retry = null;
        try
        {
            await SpatialIndexing.PublishAsync(grains, recordKey, revision, current, leftTiles);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Index update of {Record} (revision {Revision}) failed; retrying every {Period}",
                recordKey, revision, SpatialIndexing.RetryPeriod);
            retry = grain.RegisterGrainTimer(async _ =>
            {
                await SpatialIndexing.PublishAsync(grains, recordKey, revision, current, leftTiles);
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

    /// <summary>The part of <paramref name="tile"/> for a tile's refresh, or null if it already has
    /// <paramref name="revision"/>.</summary>
    public Abstractions.Boundaries.IndexedRecordPart? PartFor(TileId tile, long knownRevision, long revision,
        Func<Dictionary<TileId, List<TileEntry>>> compute)
    {
        if (knownRevision == revision)
        {
            return null;
        }

        var all = EntriesFor(revision, compute);
        return new Abstractions.Boundaries.IndexedRecordPart(revision,
            all.TryGetValue(tile, out var mine) ? mine : []);
    }
}
