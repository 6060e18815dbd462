namespace Registry.Api.Contracts.Organizations;

/// <summary>Governance in the report year: council and general meetings held, changes of responsible persons.</summary>
public sealed record ReportGovernanceRequest(int? CouncilMeetings, int? GeneralMeetings, string? ResponsiblePersonChanges);
