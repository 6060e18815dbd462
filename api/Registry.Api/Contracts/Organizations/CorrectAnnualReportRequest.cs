using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A corrected report before inspection: the whole content again, stored as a new version, and why.</summary>
public sealed record CorrectAnnualReportRequest(
    string? Activities,
    decimal? Income,
    decimal? Expenditure,
    decimal? NetAssets,
    int? Staff,
    string? MajorActivities,
    PartyOrganizationStatus? PartyOrganization,
    string? RectificationReport,
    string? Reason);
