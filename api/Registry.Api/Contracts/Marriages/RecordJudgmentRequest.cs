using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A court judgment to record: <c>kind</c> (<c>annulment</c>, <c>voidness</c>, <c>divorce</c>,
/// <c>divorce-mediation</c>, <c>correction</c>, <c>declaration-of-death</c>,
/// <c>revocation-of-declaration-of-death</c>), the court, its case number (<c>reference</c>), the judgment date and a
/// reason. A correction names the <c>party</c> and <c>correctedName</c> and/or <c>correctedNationality</c>; a
/// declaration of death and its revocation name the <c>party</c> declared dead, and a revocation says whether the
/// spouse declined the marriage's revival (<c>spouseDeclinesRevival</c>); a divorce judgment or mediation gives the
/// day it took legal effect (<c>effectiveDate</c>).
/// </summary>
public sealed record RecordJudgmentRequest(
    CourtJudgmentKind? Kind,
    string? Court,
    string? Reference,
    DateOnly? JudgmentDate,
    string? Reason,
    string? Party,
    string? CorrectedName,
    string? CorrectedNationality,
    DateOnly? EffectiveDate = null,
    bool? SpouseDeclinesRevival = null);
