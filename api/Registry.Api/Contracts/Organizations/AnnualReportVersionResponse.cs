using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>One version of a report with its figures; <c>reason</c> is the late-filing or correction reason.</summary>
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
    string? RectificationReport)
{
    public static AnnualReportVersionResponse From(AnnualReportVersion version) =>
        new(version.Version, version.FiledOn, version.FiledAt, version.FiledBy, version.FiledAs, version.Reason,
            version.Content.Activities, version.Content.Income, version.Content.Expenditure, version.Content.NetAssets,
            version.Content.Staff, version.Content.MajorActivities, version.Content.PartyOrganization,
            version.Content.RectificationReport);
}
