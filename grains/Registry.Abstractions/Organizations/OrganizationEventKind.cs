namespace Registry.Abstractions.Organizations;

/// <summary>What an entry of an organization's history records.</summary>
[GenerateSerializer, Alias("Registry.Organizations.OrganizationEventKind")]
public enum OrganizationEventKind
{
    Registered = 0,

    /// <summary>A code failing only its check character was accepted as a legacy code.</summary>
    LegacyCodeAccepted = 1,

    Changed = 2,
    Deregistered = 3,
    AnnualReportFiled = 4,
    AnnualReportCorrected = 5,
    InspectionRecorded = 6,
    Listed = 7,
    RemovedFromList = 8,
    FlaggedForRevocation = 9,
    GradeEvaluated = 10,
}
