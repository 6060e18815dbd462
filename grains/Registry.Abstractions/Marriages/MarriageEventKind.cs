namespace Registry.Abstractions.Marriages;

/// <summary>What an entry of a marriage record's history says happened.</summary>
[GenerateSerializer, Alias("Registry.Marriages.MarriageEventKind")]
public enum MarriageEventKind
{
    Registered = 0,
    DivorceApplied = 1,
    DivorceWithdrawn = 2,

    /// <summary>The window to appear passed without registration (Civil Code art. 1077).</summary>
    DivorceDeemedWithdrawn = 3,

    Divorced = 4,
    CertificateReplaced = 5,
    Annulled = 6,
    Corrected = 7,
    DeclaredDead = 8,

    /// <summary>An open divorce application ended because a judgment ended the marriage.</summary>
    DivorceApplicationCancelled = 9,
}
