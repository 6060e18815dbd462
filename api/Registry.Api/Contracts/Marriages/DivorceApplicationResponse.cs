using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A divorce application (the receipt). Either party may withdraw up to and including <c>coolingOffEnds</c>; both
/// must appear at <c>office</c> from the day after it up to and including <c>lastDayToAppear</c>, else it is deemed
/// withdrawn. Both dates are already moved off public holidays. <c>status</c> is as of today.
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
    string? CertificateNumber)
{
    public static DivorceApplicationResponse From(DivorceApplicationDetails a) =>
        new(a.ApplicationId, a.MarriageId, a.Office, a.ReceivedOn, a.CoolingOffEnds, a.LastDayToAppear, a.Status,
            a.ClosedOn, a.WithdrawnBy is null ? null : ResidentIdNumber.Mask(a.WithdrawnBy), a.CertificateNumber);
}
