using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// The content of an annual work report, as filed or corrected: activities, changes of basic information,
/// governance, the financial statements (<c>balanceSheet</c>, <c>incomeBySource</c>, <c>expenses</c>), workforce,
/// major projects, the audit report reference; a foundation states <c>publicFundraising</c> and, with that status,
/// <c>previousYearIncome</c>. <c>rectificationReport</c> is required after a basic pass or fail of the previous year.
/// </summary>
public interface IAnnualReportBody
{
    string? Activities { get; }

    string? MajorActivities { get; }

    PartyOrganizationStatus? PartyOrganization { get; }

    string? RectificationReport { get; }

    string? BasicInformationChanges { get; }

    ReportGovernanceRequest? Governance { get; }

    BalanceSheetRequest? BalanceSheet { get; }

    IncomeBySourceRequest? IncomeBySource { get; }

    ExpensesRequest? Expenses { get; }

    ReportWorkforceRequest? Workforce { get; }

    IReadOnlyList<ReportProjectRequest?>? Projects { get; }

    string? AuditReport { get; }

    bool? PublicFundraising { get; }

    decimal? PreviousYearIncome { get; }
}
