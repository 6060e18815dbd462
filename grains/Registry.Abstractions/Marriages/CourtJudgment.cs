namespace Registry.Abstractions.Marriages;

/// <summary>
/// A court judgment concerning a marriage, recorded as a new history entry (never an edit in place).
/// <see cref="Reference"/> is the judgment's case number, unique per marriage record. A correction names the party
/// and the corrected name and/or nationality; a declaration of death, and its revocation, name the party declared dead; a divorce judgment or mediation gives
/// the date it took effect.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.CourtJudgment")]
public sealed record CourtJudgment(
    [property: Id(0)] CourtJudgmentKind Kind,
    [property: Id(1)] string Court,
    [property: Id(2)] string Reference,
    [property: Id(3)] DateOnly JudgmentDate,
    [property: Id(4)] string Reason,
    [property: Id(5)] string? PartyIdNumber,
    [property: Id(6)] string? CorrectedName,
    [property: Id(7)] string? CorrectedNationality)
{
    /// <summary>For a divorce judgment or mediation: the day it took legal effect (on or after
    /// <see cref="JudgmentDate"/>, not after today), which is the day the marriage ended.</summary>
    [Id(8)]
    public DateOnly? EffectiveDate { get; init; }

    /// <summary>For a revocation of a declaration of death: the spouse declared to the registry in writing that the
    /// marriage is not to revive (Civil Code art. 51).</summary>
    [Id(9)]
    public bool SpouseDeclinesRevival { get; init; }
}
