using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial;

/// <summary>
/// Which divisions contain a point on a date, from the process's cached tile indexes and division facts: no grain
/// call once the point's tile and the divisions' facts are loaded. A registry division counts only while it is in
/// force on the date. A point exactly on a boundary (e.g. a boundary marker's own position) is in the interior of
/// neither division (as PostGIS ST_Contains), so it is answered with the divisions on every side, each flagged
/// <see cref="LocatedDivision.OnBoundary"/>.
/// </summary>
public sealed class DivisionLocator(SpatialReadCache cache, DivisionFactsCache facts)
{
    public async ValueTask<List<LocatedDivision>> LocateAsync(double lon, double lat, DateOnly asOf)
    {
        var index = await cache.GetTileAsync(SpatialTiling.TileOf(SpatialLayer.Divisions, lon, lat));
        var hits = new List<TileEntry>(4);
        var onBoundary = new List<TileEntry>(0);
        index.QueryPoint(lon, lat, asOf, hits, onBoundary);
        var located = new List<LocatedDivision>(hits.Count + onBoundary.Count);
        for (var i = 0; i < hits.Count + onBoundary.Count; i++)
        {
            var boundary = i >= hits.Count;
            var hit = boundary ? onBoundary[i - hits.Count] : hits[i];
            if (DivisionRef.IsReference(hit.RecordKey))
            {
                located.Add(new LocatedDivision(hit.RecordKey, hit.Label ?? hit.RecordKey,
                    hit.Level ?? Abstractions.Divisions.DivisionLevel.Province, true, hit.Part, boundary));
                continue;
            }

            var division = await facts.GetAsync(hit.RecordKey);
            if (division is not null && division.InForceOn(asOf))
            {
                located.Add(new LocatedDivision(hit.RecordKey, division.NameOn(asOf), division.Level, false, hit.Part,
                    boundary));
            }
        }

        if (located.Count > 1)
        {
            located.Sort(static (a, b) => a.Level != b.Level
                ? a.Level.CompareTo(b.Level)
                : string.CompareOrdinal(a.Code, b.Code));
        }

        return located;
    }
}
