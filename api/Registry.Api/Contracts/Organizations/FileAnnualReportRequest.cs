using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// The annual report for <c>year</c>. Amounts in yuan; <c>staff</c> a head count. <c>rectificationReport</c> is
/// required after a basic pass or fail of the previous year. <c>lateFilingReason</c> lets the registrar record a
/// report after the window closed.
/// </summary>
public sealed record FileAnnualReportRequest(
    int? Year,
    string? Activities,
    decimal? Income,
    decimal? Expenditure,
    decimal? NetAssets,
    int? Staff,
    string? MajorActivities,
    PartyOrganizationStatus? PartyOrganization,
    string? RectificationReport,
    string? LateFilingReason);
