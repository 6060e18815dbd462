namespace Registry.Abstractions.Marriages;

/// <summary>Where a registered marriage stands.</summary>
[GenerateSerializer, Alias("Registry.Marriages.MarriageStatus")]
public enum MarriageStatus
{
    InForce = 0,

    /// <summary>Dissolved by divorce registration (an L certificate was issued).</summary>
    Divorced = 1,

    /// <summary>Void from the start by court judgment (Civil Code arts. 1051-1054); the record stays.</summary>
    Annulled = 2,

    /// <summary>Ended by the death of one party, or by a court's declaration of death of one party (Civil Code
    /// arts. 46, 51); <see cref="MarriageSummary.DeceasedIdNumber"/> names that party.</summary>
    EndedByDeath = 3,

    /// <summary>Dissolved by a court's divorce judgment or mediation (no L certificate: the judgment is the
    /// proof).</summary>
    DivorcedByCourt = 4,

    /// <summary>Ended by a declaration of death that was later revoked without the marriage reviving (the spouse
    /// remarried or declined, Civil Code art. 51): it stays dissolved from the declaration.</summary>
    DissolvedByDeclarationOfDeath = 5,
}
