using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A corrected report before inspection: the whole content again, stored as a new version, and why.</summary>
public sealed record CorrectAnnualReportRequest(
    string? Activities,
    string? MajorActivities,
    PartyOrganizationStatus? PartyOrganization,
    string? RectificationReport,
    string? Reason,
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
