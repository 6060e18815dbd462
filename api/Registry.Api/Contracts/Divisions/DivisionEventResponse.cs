using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>One entry of a division's history. <c>relatedCode</c> is the other division involved (successor,
/// absorbed division or new parent).</summary>
public sealed record DivisionEventResponse(
    int Sequence,
    DivisionEventKind Kind,
    DateOnly? EffectiveDate,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? Reason,
    string? Name,
    string? PreviousName,
    string? RelatedCode)
{
    public static DivisionEventResponse From(DivisionEvent e) =>
        new(e.Sequence, e.Kind, e.EffectiveDate, e.RecordedAt, e.RecordedBy, e.Reason, e.Name, e.PreviousName,
            e.RelatedCode);
}
