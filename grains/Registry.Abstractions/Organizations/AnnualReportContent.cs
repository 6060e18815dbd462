namespace Registry.Abstractions.Organizations;

/// <summary>
/// What an annual report states about its year. Amounts are in yuan (net assets may be negative); staff is a head
/// count. <see cref="RectificationReport"/> is required when the previous year's inspection was a basic pass or a
/// fail. This is financial detail: it is shown to the organization itself and its registrar, never publicly.
/// <para>
/// The full work report (ids 8 on): changes of basic information, governance, the financial statements (balance
/// sheet, income by source, expenses by purpose), workforce, members and branches, major projects, the audit report
/// reference, and for a foundation whether it holds public-fundraising status and its previous year's total income.
/// <see cref="Income"/>, <see cref="Expenditure"/>, <see cref="NetAssets"/> and <see cref="Staff"/> are the
/// statements' totals (kept for versions filed before the full report existed).
/// </para>
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.AnnualReportContent")]
public sealed record AnnualReportContent(
    [property: Id(0)] string Activities,
    [property: Id(1)] decimal Income,
    [property: Id(2)] decimal Expenditure,
    [property: Id(3)] decimal NetAssets,
    [property: Id(4)] int Staff,
    [property: Id(5)] string? MajorActivities,
    [property: Id(6)] PartyOrganizationStatus PartyOrganization,
    [property: Id(7)] string? RectificationReport,
    [property: Id(8)] string? BasicInformationChanges = null,
    [property: Id(9)] ReportGovernance? Governance = null,
    [property: Id(10)] BalanceSheet? BalanceSheet = null,
    [property: Id(11)] IncomeBySource? IncomeBySource = null,
    [property: Id(12)] ExpensesByPurpose? Expenses = null,
    [property: Id(13)] ReportWorkforce? Workforce = null,
    [property: Id(14)] IReadOnlyList<ReportProject>? Projects = null,
    [property: Id(15)] string? AuditReport = null,
    [property: Id(16)] bool PublicFundraising = false,
    [property: Id(17)] decimal? PreviousYearIncome = null);
