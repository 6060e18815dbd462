using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// The annual work report for <c>year</c> (see <see cref="IAnnualReportBody"/>). <c>lateFilingReason</c> lets the
/// registrar record a report after the window closed.
/// </summary>
public sealed record FileAnnualReportRequest(
    int? Year,
    string? Activities,
    string? MajorActivities,
    PartyOrganizationStatus? PartyOrganization,
    string? RectificationReport,
    string? LateFilingReason,
    string? BasicInformationChanges,
    ReportGovernanceRequest? Governance,
    BalanceSheetRequest? BalanceSheet,
    IncomeBySourceRequest? IncomeBySource,
    ExpensesRequest? Expenses,
    ReportWorkforceRequest? Workforce,
    IReadOnlyList<ReportProjectRequest?>? Projects,
    string? AuditReport,
    bool? PublicFundraising,
    decimal? PreviousYearIncome) : IAnnualReportBody;
