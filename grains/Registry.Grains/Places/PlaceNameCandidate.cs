using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// A match of a search before it is made a <see cref="PlaceNameHit"/>: what the query's order
/// (<see cref="PlaceNameIndex.CandidateOrder"/>) compares, held as a value, so the candidates a search confirms and
/// ranks cost no allocation, and only the page's hits are made (<see cref="ToHit"/>). <see cref="Score"/> is how
/// the text matched (null without a text); <see cref="Prominence"/> is <see cref="PlaceNameIndex.Prominence"/>;
/// <see cref="NameKey"/> is <see cref="PlaceNameIndex.NameKey"/> of the entry's search name (a search reads it from its
/// packed columns, so ties are mostly broken without reading the entry).
/// </summary>
public readonly record struct PlaceNameCandidate(
    PlaceNameIndexEntry Entry,
    double? DistanceMeters,
    PlaceNameIndex.TextScore? Score,
    int Prominence,
    UInt128 NameKey)
{
    /// <summary>The name matched, when it came with a hit (<see cref="Of"/>) rather than from a score.</summary>
    private string? MatchedName { get; init; }

    public int? MatchQuality => Score?.Quality;

    public PlaceNameMatchKind? MatchKind => Score?.Kind;

    public static PlaceNameCandidate Of(PlaceNameHit hit) =>
        new(hit.Entry, hit.DistanceMeters,
            hit.MatchQuality is { } quality ? new PlaceNameIndex.TextScore(-1, hit.MatchKind!.Value, quality) : null,
            PlaceNameIndex.Prominence(hit.Entry), PlaceNameIndex.NameKey(hit.Entry.SearchName))
        {
            MatchedName = hit.MatchedName,
        };

    public PlaceNameHit ToHit() =>
        new(Entry, DistanceMeters)
        {
            MatchedName = MatchedName ?? (Score is { Found: true } score ? PlaceNameIndex.NameAt(Entry, score.Name) : null),
            MatchKind = MatchKind,
            MatchQuality = MatchQuality,
        };
}
