using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>Pure rules over a division's geometry versions: which is in force on a date, and what a change does.</summary>
public static class DivisionGeometryTimeline
{
    /// <summary>The index of the version in force on <paramref name="date"/>, or null.</summary>
    public static int? VersionAsOf(IReadOnlyList<GeometryVersionState> versions, DateOnly date)
    {
        int? found = null;
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].From is null || versions[i].From <= date)
            {
                found = i;
            }
        }

        return found;
    }

    /// <summary>
    /// What storing <paramref name="wkb"/> from <paramref name="effectiveDate"/> does: the first version is created;
    /// the latest version's own date corrects it (or changes nothing if identical); a later date adds a version
    /// (or changes nothing if the geometry is the same); an earlier date is refused.
    /// </summary>
    public static RecordChange Decide(DivisionGeometryState state, DateOnly? effectiveDate, byte[] wkb, string? name,
        DivisionLevel level)
    {
        if (state.Versions.Count == 0)
        {
            return RecordChange.Created;
        }

        var last = state.Versions[^1];
        var sameGeometry = last.Wkb.AsSpan().SequenceEqual(wkb);
        var sameLabel = state.Name == name && state.Level == level;
        if (effectiveDate == last.From)
        {
            return sameGeometry && sameLabel ? RecordChange.Unchanged : RecordChange.Corrected;
        }

        if (last.From is null || effectiveDate > last.From)
        {
            return !sameGeometry ? RecordChange.NewVersion
                : sameLabel ? RecordChange.Unchanged : RecordChange.Corrected;
        }

        throw DomainException.Violation("geometry-change-order",
            $"The latest geometry of {state.Key} is in force from {last.From:yyyy-MM-dd}; a new version must take " +
            "effect after it (the same date corrects that version).");
    }

    public static DivisionGeometryVersion Describe(IReadOnlyList<GeometryVersionState> versions, int index)
    {
        var v = versions[index];
        return new DivisionGeometryVersion(v.Number, v.From, index + 1 < versions.Count ? versions[index + 1].From : null,
            v.AreaSquareMetres, v.PerimeterMetres, new BoundingBox(v.MinLon, v.MinLat, v.MaxLon, v.MaxLat), v.Vertices,
            v.Source, v.RecordedAt, v.RecordedBy, v.Reason, v.Corrections);
    }
}
