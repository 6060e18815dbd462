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

    /// <summary>Declared void by judgment (Civil Code art. 1051).</summary>
    DeclaredVoid = 10,

    /// <summary>Dissolved by a court's divorce judgment or mediation, effective on the entry's date.</summary>
    DivorcedByCourt = 11,

    /// <summary>A party died (death certificate or household deregistration); the survivor is widowed.</summary>
    PartyDied = 12,

    /// <summary>The declaration of death was revoked and the marriage revived (Civil Code art. 51).</summary>
    Revived = 13,

    /// <summary>The declaration of death was revoked and the marriage did not revive: the spouse had remarried or
    /// declared they did not want it to (Civil Code art. 51).</summary>
    DeclarationOfDeathRevoked = 14,

    /// <summary>Entered from the archive (补录): a marriage registered before the registry went live, on the
    /// entry's date, under its original certificate number.</summary>
    EnteredFromArchive = 15,

    /// <summary>A divorce application's deadlines, computed into a year whose holiday calendar was not loaded, were
    /// recomputed when it was: only ever later, never earlier; the old and new days and the calendar's notice are in
    /// the entry.</summary>
    DivorceDeadlinesRecomputed = 16,
}
