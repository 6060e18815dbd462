using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial;

/// <summary>
/// Which divisions contain a point on a date, from the process's cached tile indexes and division facts: no grain
/// call once the point's tile and the divisions' facts are loaded. A registry division counts only while it is in
/// force on the date; a point exactly on a boundary is in neither division (as PostGIS ST_Contains).
/// </summary>
public sealed class DivisionLocator(SpatialReadCache cache, DivisionFactsCache facts)
{
    public async ValueTask<List<LocatedDivision>> LocateAsync(double lon, double lat, DateOnly asOf)
    {
        var index = await cache.GetTileAsync(SpatialTiling.TileOf(SpatialLayer.Divisions, lon, lat));
        var hits = new List<TileEntry>(4);
        index.QueryPoint(lon, lat, asOf, hits);
        var located = new List<LocatedDivision>(hits.Count);
        foreach (var hit in hits)
        {
            if (DivisionRef.IsReference(hit.RecordKey))
            {
                located.Add(new LocatedDivision(hit.RecordKey, hit.Label ?? hit.RecordKey,
                    hit.Level ?? Abstractions.Divisions.DivisionLevel.Province, true, hit.Part));
                continue;
            }

            var division = await facts.GetAsync(hit.RecordKey);
            if (division is not null && division.InForceOn(asOf))
            {
                located.Add(new LocatedDivision(hit.RecordKey, division.NameOn(asOf), division.Level, false, hit.Part));
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
