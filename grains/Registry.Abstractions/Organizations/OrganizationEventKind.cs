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

    /// <summary>A grade in force ended before its term (serious-dishonesty list, revocation, deregistration).</summary>
    GradeEnded = 11,

    /// <summary>An administrative penalty decision was recorded.</summary>
    PenaltyImposed = 12,

    /// <summary>The registration was revoked by a penalty decision.</summary>
    RegistrationRevoked = 13,

    /// <summary>Entered from the existing register by an import (the row's source is the reason).</summary>
    Imported = 14,
}
