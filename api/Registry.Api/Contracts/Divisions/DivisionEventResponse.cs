using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>One entry of a division's history. <c>relatedCode</c> is the other division involved (successor, new
/// parent); <c>reason</c> is the legal basis; <c>recordedBy</c> is the office that acted (or <c>system</c>), not an account. An entry read from two official editions has <c>sequence</c> 0 and
/// <c>changedAfter</c> set: it happened after that day and on or before <c>effectiveDate</c>, exact day unknown.</summary>
public sealed record DivisionEventResponse(
    int Sequence,
    string? Code,
    DivisionEventKind Kind,
    DateOnly? EffectiveDate,
    DateOnly? ChangedAfter,
    bool ExactDate,
    DateTimeOffset? RecordedAt,
    string RecordedBy,
    string? Reason,
    string? Name,
    string? PreviousName,
    string? RelatedCode,
    IReadOnlyList<string> RelatedCodes)
{
    public static DivisionEventResponse From(DivisionEvent e) =>
        new(e.Sequence, e.Code, e.Kind, e.EffectiveDate, e.ChangedAfter, e.ChangedAfter is null,
            e.Sequence == 0 ? null : e.RecordedAt, PublicActor(e), e.Reason, e.Name, e.PreviousName, e.RelatedCode,
            e.RelatedCodes ?? []);

    // The public history names the office that acted, never the account (which the event keeps for the audit).
    private static string PublicActor(DivisionEvent e) =>
        e.Office ?? (e.RecordedBy == AuditScope.SystemActor ? AuditScope.SystemActor : AuditScope.NoOffice);
}
