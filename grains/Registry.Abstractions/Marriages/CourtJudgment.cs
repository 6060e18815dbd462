namespace Registry.Abstractions.Marriages;

/// <summary>
/// A court judgment concerning a marriage, recorded as a new history entry (never an edit in place).
/// <see cref="Reference"/> is the judgment's case number, unique per marriage record. A correction names the party
/// and the corrected name and/or nationality; a declaration of death names the party declared dead.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.CourtJudgment")]
public sealed record CourtJudgment(
    [property: Id(0)] CourtJudgmentKind Kind,
    [property: Id(1)] string Court,
    [property: Id(2)] string Reference,
    [property: Id(3)] DateOnly JudgmentDate,
    [property: Id(4)] string Reason,
    [property: Id(5)] string? PartyIdNumber,
    [property: Id(6)] string? CorrectedName,
    [property: Id(7)] string? CorrectedNationality);
