namespace Registry.Abstractions.Places;

/// <summary>
/// An import's counts so far (rows read; rows recorded now; rows an earlier run had recorded; rows refused, by rule;
/// rows recorded with a flag: a duplicate or homophone, characters outside the standard) and the refused and flagged rows since the previous report.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameImportProgress")]
public sealed record PlaceNameImportProgress(
    [property: Id(0)] long Rows,
    [property: Id(1)] long Recorded,
    [property: Id(2)] long AlreadyStored,
    [property: Id(3)] long Rejected,
    [property: Id(4)] IReadOnlyDictionary<string, long> RejectedByRule,
    [property: Id(5)] long Flagged,
    [property: Id(6)] IReadOnlyList<PlaceNameImportRow> NewRejections,
    [property: Id(7)] IReadOnlyList<PlaceNameImportRow> NewFlags)
{
    /// <summary>Flags so far by rule (<c>place-name-duplicate</c>, <c>characters-outside-standard</c>); a row may
    /// carry both, and counts once in <see cref="Flagged"/>.</summary>
    [Id(8)]
    public IReadOnlyDictionary<string, long> FlaggedByRule { get; init; } = new Dictionary<string, long>();
}
