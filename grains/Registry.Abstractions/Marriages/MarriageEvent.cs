namespace Registry.Abstractions.Marriages;

/// <summary>
/// One entry of a marriage record's history, never edited once written: what happened, when and by whom it was
/// recorded, the office, the reference (certificate number, application id or judgment reference), the party
/// concerned, the court for judgments, why, and details (e.g. a corrected name).
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.MarriageEvent")]
public sealed record MarriageEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] MarriageEventKind Kind,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateOnly EffectiveDate,
    [property: Id(5)] string? Office,
    [property: Id(6)] string? Reference,
    [property: Id(7)] string? PartyIdNumber,
    [property: Id(8)] string? Court,
    [property: Id(9)] string? Reason,
    [property: Id(10)] string? Details);
