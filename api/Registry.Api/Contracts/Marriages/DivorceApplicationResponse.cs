using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A divorce application (the receipt). Either party may withdraw up to and including <c>coolingOffEnds</c>; both
/// must appear at <c>office</c> from the day after it up to and including <c>lastDayToAppear</c>, else it is deemed
/// withdrawn. Both dates are already moved off public holidays. <c>status</c> is as of today. <c>parties</c> lists
/// each party as recorded when applying, <c>agreementStates</c> what the agreement was found to state, and
/// <c>registrationParties</c> each party as recorded at the divorce registration: each is null when not recorded
/// (applications and registrations stored before parties were recorded one by one; never inferred).
/// <c>provisional</c> is true while a deadline was computed into a year whose holiday calendar is not loaded
/// (<c>provisionalYears</c>; weekends only there): when it is loaded the deadlines are recomputed, only ever later.
/// </summary>
public sealed record DivorceApplicationResponse(
    string ApplicationId,
    string MarriageId,
    string Office,
    DateOnly ReceivedOn,
    DateOnly CoolingOffEnds,
    DateOnly LastDayToAppear,
    DivorceApplicationStatus Status,
    DateOnly? ClosedOn,
    string? WithdrawnBy,
    string? CertificateNumber,
    IReadOnlyList<DivorcePartyResponse>? Parties,
    DivorceAgreementResponse? AgreementStates,
    IReadOnlyList<DivorcePartyResponse>? RegistrationParties,
    bool Provisional,
    IReadOnlyList<int> ProvisionalYears)
{
    public static DivorceApplicationResponse From(DivorceApplicationDetails a) =>
        new(a.ApplicationId, a.MarriageId, a.Office, a.ReceivedOn, a.CoolingOffEnds, a.LastDayToAppear, a.Status,
            a.ClosedOn, a.WithdrawnBy is null ? null : IdentityDocument.Mask(a.WithdrawnBy), a.CertificateNumber,
            a.Parties?.Select(DivorcePartyResponse.From).ToList(),
            a.AgreementContents is null ? null : DivorceAgreementResponse.From(a.AgreementContents),
            a.RegistrationParties?.Select(DivorcePartyResponse.From).ToList(),
            a.ProvisionalYears.Count > 0, a.ProvisionalYears);
}
