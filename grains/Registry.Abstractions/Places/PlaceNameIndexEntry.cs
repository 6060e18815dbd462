using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>
/// What the search index keeps of one place name. <see cref="SearchName"/> and <see cref="SearchSpelling"/> are
/// normalised for fragment search (lower case, no marks, spaces or apostrophes); <see cref="X"/>/<see cref="Y"/> is a
/// point on the geometry (lon/lat) and the envelope bounds it; <see cref="Revision"/> orders updates. Immutable (its
/// lists are never changed once built), so a call within a silo passes it without a deep copy: a search's pages,
/// hits and entries cross 17 grain calls per query.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameIndexEntry")]
public sealed record PlaceNameIndexEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Romanization,
    [property: Id(3)] string SearchName,
    [property: Id(4)] string SearchSpelling,
    [property: Id(5)] IReadOnlyList<string> HistoricalSearchNames,
    [property: Id(6)] PlaceCategory Category,
    [property: Id(7)] string DivisionCode,
    [property: Id(8)] PlaceNameStatus Status,
    [property: Id(9)] double X,
    [property: Id(10)] double Y,
    [property: Id(11)] double MinX,
    [property: Id(12)] double MinY,
    [property: Id(13)] double MaxX,
    [property: Id(14)] double MaxY,
    [property: Id(15)] string LocationDescription,
    [property: Id(16)] string? ApprovingAuthority,
    [property: Id(17)] DateOnly? ApprovedOn,
    [property: Id(18)] DateOnly? AnnouncedOn,
    [property: Id(19)] string? Source,
    [property: Id(20)] string? SourceId,
    [property: Id(21)] long Revision)
{
    /// <summary>The day an approved rename or abolition takes effect and this entry, computed before it, must be
    /// computed again; null when no change is due.</summary>
    [Id(22)]
    public DateOnly? RefreshOn { get; init; }

    /// <summary>The aliases, normalised like <see cref="SearchName"/>: a name query finds a place by its aliases.</summary>
    [Id(23)]
    public IReadOnlyList<string> AliasSearchNames { get; init; } = [];

    /// <summary>The aliases and the former names (those borne before a rename took effect), with their spellings:
    /// the one search box finds a place by any of them and says which one matched.</summary>
    [Id(24)]
    public IReadOnlyList<PlaceNameIndexName> OtherNames { get; init; } = [];

    /// <summary>Public: announced and recorded standard names and external reference names.</summary>
    public bool IsPublic => IsPublicStatus(Status);

    /// <summary>Whether a name of this status is public (<see cref="IsPublic"/>).</summary>
    public static bool IsPublicStatus(PlaceNameStatus status) =>
        status is PlaceNameStatus.Announced or PlaceNameStatus.Reference or PlaceNameStatus.Recorded;

}
