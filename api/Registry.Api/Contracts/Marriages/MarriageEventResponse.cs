using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>One entry of a marriage record's history: what happened and from when, who recorded it and when, the
/// office, the reference (certificate number, application id, judgment case number), the party concerned (masked),
/// the court, why, and details.</summary>
public sealed record MarriageEventResponse(
    int Sequence,
    MarriageEventKind Kind,
    DateOnly EffectiveDate,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    string? Office,
    string? Reference,
    string? Party,
    string? Court,
    string? Reason,
    string? Details)
{
    public static MarriageEventResponse From(MarriageEvent e) =>
        new(e.Sequence, e.Kind, e.EffectiveDate, e.RecordedAt, e.RecordedBy, e.Office, e.Reference,
            e.PartyIdNumber is null ? null : IdentityDocument.Mask(e.PartyIdNumber), e.Court, e.Reason, e.Details);
}
