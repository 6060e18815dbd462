namespace Registry.Abstractions.Organizations;

/// <summary>
/// Governance in the report year: council (理事会) and general (会员/代表大会) meetings held, and changes of responsible
/// persons (free text, null when none).
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ReportGovernance")]
public sealed record ReportGovernance(
    [property: Id(0)] int CouncilMeetings,
    [property: Id(1)] int GeneralMeetings,
    [property: Id(2)] string? ResponsiblePersonChanges);
