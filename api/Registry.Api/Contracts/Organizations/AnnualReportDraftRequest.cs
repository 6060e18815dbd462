using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// The draft of a year's report: the fields of <see cref="FileAnnualReportRequest"/> (same names and meaning), every
/// one optional while drafting; they are checked when the draft is submitted. The year is the route's.
/// </summary>
public sealed record AnnualReportDraftRequest(
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
    decimal? PreviousYearIncome);
