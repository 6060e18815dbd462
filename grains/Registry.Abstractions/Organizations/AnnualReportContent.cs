namespace Registry.Abstractions.Organizations;

/// <summary>
/// What an annual report states about its year. Amounts are in yuan (net assets may be negative); staff is a head
/// count. <see cref="RectificationReport"/> is required when the previous year's inspection was a basic pass or a
/// fail. This is financial detail: it is shown to the organization itself and its registrar, never publicly.
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
    [property: Id(7)] string? RectificationReport);
