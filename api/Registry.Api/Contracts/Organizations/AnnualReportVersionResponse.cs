using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// One version of a report with its figures (for the organization itself and its registrar only); <c>reason</c> is
/// the late-filing or correction reason. <c>income</c>, <c>expenditure</c>, <c>netAssets</c> and <c>staff</c> are the
/// statements' totals; <c>charityRatios</c> (foundations) flags spending or administrative costs out of bounds.
/// </summary>
public sealed record AnnualReportVersionResponse(
    int Version,
    DateOnly FiledOn,
    DateTimeOffset FiledAt,
    string FiledBy,
    ReportFiler FiledAs,
    string? Reason,
    string Activities,
    decimal Income,
    decimal Expenditure,
    decimal NetAssets,
    int Staff,
    string? MajorActivities,
    PartyOrganizationStatus PartyOrganization,
    string? RectificationReport,
    string? BasicInformationChanges,
    ReportGovernance? Governance,
    BalanceSheet? BalanceSheet,
    IncomeBySource? IncomeBySource,
    ExpensesByPurpose? Expenses,
    ReportWorkforce? Workforce,
    IReadOnlyList<ReportProject> Projects,
    string? AuditReport,
    bool PublicFundraising,
    decimal? PreviousYearIncome,
    CharityRatios? CharityRatios)
{
    public static AnnualReportVersionResponse From(AnnualReportVersion version)
    {
        var c = version.Content;
        return new(version.Version, version.FiledOn, version.FiledAt, version.FiledBy, version.FiledAs, version.Reason,
            c.Activities, c.Income, c.Expenditure, c.NetAssets, c.Staff, c.MajorActivities, c.PartyOrganization,
            c.RectificationReport, c.BasicInformationChanges, c.Governance, c.BalanceSheet, c.IncomeBySource, c.Expenses,
            c.Workforce, c.Projects ?? [], c.AuditReport, c.PublicFundraising, c.PreviousYearIncome, version.CharityRatios);
    }
}
