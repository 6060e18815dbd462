using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// The public record of an organization: registration particulars, report years with inspection outcomes (no
/// financial detail), every list entry, the revocation flag, the latest grade with its status today (null when never
/// evaluated) and every administrative penalty. <c>revokedOn</c> is the date of a revocation decision.
/// <c>registeredOn</c> is the registration date (for a record entered from the existing register, the date that
/// register holds); amounts in yuan.
/// </summary>
public sealed record OrganizationResponse(
    string Uscc,
    string Name,
    OrganizationKind Kind,
    string RegisteringOffice,
    string? SupervisingUnit,
    string LegalRepresentative,
    string Address,
    string BusinessScope,
    decimal RegisteredCapital,
    DateOnly FoundedOn,
    DateOnly RegisteredOn,
    OrganizationStatus Status,
    DateOnly? DeregisteredOn,
    bool LegacyCode,
    IReadOnlyList<AnnualReportSummaryResponse> AnnualReports,
    IReadOnlyList<ListEntryResponse> ListEntries,
    RevocationFlagResponse? RevocationFlag,
    GradeResponse? Grade,
    DateOnly? RevokedOn,
    IReadOnlyList<PenaltyResponse> Penalties)
{
    public static OrganizationResponse From(OrganizationDetails details, DateOnly today) =>
        new(details.Uscc, details.Name, details.Kind, details.RegisteringOffice, details.SupervisingUnit,
            details.LegalRepresentative, details.Address, details.BusinessScope, details.RegisteredCapital,
            details.FoundedOn, details.RegisteredOn, details.Status, details.DeregisteredOn, details.LegacyCode,
            details.AnnualReports.Select(AnnualReportSummaryResponse.From).ToList(),
            details.ListEntries.Select(ListEntryResponse.From).ToList(),
            details.RevocationFlag is null ? null : RevocationFlagResponse.From(details.RevocationFlag),
            details.Grades.Count == 0 ? null : GradeResponse.From(details.Grades[^1], today),
            details.RevokedOn,
            details.Penalties.Select(PenaltyResponse.From).ToList());
}
