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

    /// <summary>Ended by a court's declaration of death of one party (Civil Code arts. 46, 51).</summary>
    EndedByDeath = 3,
}
