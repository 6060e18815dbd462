namespace Registry.Abstractions.Divisions;

/// <summary>
/// One entry of a division's history: what happened, the date it takes effect, when and by whom it was recorded,
/// and why (the legal basis). <see cref="RelatedCode"/> is the other division involved (successor, absorbed division,
/// new parent). A change read from two official editions has <see cref="ChangedAfter"/> set: it happened after that
/// day and on or before <see cref="EffectiveDate"/>, the exact day is not recorded.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Divisions.DivisionEvent")]
public sealed record DivisionEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] DivisionEventKind Kind,
    [property: Id(2)] DateOnly? EffectiveDate,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] string RecordedBy,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? Name,
    [property: Id(7)] string? PreviousName,
    [property: Id(8)] string? RelatedCode,
    [property: Id(9)] DateOnly? ChangedAfter = null,
    [property: Id(10)] string? Code = null,
    [property: Id(11)] IReadOnlyList<string>? RelatedCodes = null,
    [property: Id(12)] string? Office = null);
