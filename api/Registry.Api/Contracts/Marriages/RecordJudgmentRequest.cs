using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A court judgment to record: <c>kind</c> (<c>annulment</c>, <c>correction</c>, <c>declaration-of-death</c>), the
/// court, its case number (<c>reference</c>), the judgment date and a reason. A correction names the <c>party</c> and
/// <c>correctedName</c> and/or <c>correctedNationality</c>; a declaration of death names the <c>party</c>.
/// </summary>
public sealed record RecordJudgmentRequest(
    CourtJudgmentKind? Kind,
    string? Court,
    string? Reference,
    DateOnly? JudgmentDate,
    string? Reason,
    string? Party,
    string? CorrectedName,
    string? CorrectedNationality);
