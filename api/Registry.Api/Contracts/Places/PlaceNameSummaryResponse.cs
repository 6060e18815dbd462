using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>
/// A search result or announcement: name, spelling, category, division, status, location description and a point on
/// the geometry (null for a name recorded without a location), approving authority and dates, the source for an external reference name, and the distance in
/// metres for a nearest query. For a search by <c>q</c>: <see cref="MatchedName"/> is the name the text matched (by
/// its characters or its spelling), <see cref="MatchedAs"/> says whether that is the name in force, an alias or a
/// former name, and <see cref="MatchedCurrent"/> whether it is current (in force or an alias); null without
/// <c>q</c>.
/// </summary>
public sealed record PlaceNameSummaryResponse(
    string Id,
    string Name,
    string Romanization,
    PlaceCategory Category,
    string DivisionCode,
    PlaceNameStatus Status,
    string LocationDescription,
    double? Longitude,
    double? Latitude,
    string? ApprovingAuthority,
    DateOnly? ApprovedOn,
    DateOnly? AnnouncedOn,
    bool External,
    string? Source,
    string? SourceId,
    double? DistanceMeters,
    string? MatchedName,
    PlaceNameMatchKind? MatchedAs,
    bool? MatchedCurrent)
{
    public static PlaceNameSummaryResponse From(PlaceNameHit hit)
    {
        var e = hit.Entry;
        return new PlaceNameSummaryResponse(e.Id, e.Name, e.Romanization, e.Category, e.DivisionCode, e.Status,
            e.LocationDescription, Known(e.X), Known(e.Y), e.ApprovingAuthority, e.ApprovedOn, e.AnnouncedOn, e.Source is not null,
            e.Source, e.SourceId, hit.DistanceMeters is { } d ? Math.Round(d, 1) : null, hit.MatchedName,
            hit.MatchKind, hit.MatchKind is { } kind ? kind != PlaceNameMatchKind.Former : null);
    }

    /// <summary>A coordinate, or null for a name recorded without a location (NaN in the index).</summary>
    private static double? Known(double value) => double.IsFinite(value) ? value : null;
}
