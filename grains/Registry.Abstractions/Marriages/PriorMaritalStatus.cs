namespace Registry.Abstractions.Marriages;

/// <summary>
/// A party's marital status at the moment a marriage was registered (or, for a record entered from the archive, on
/// its historical date), from the marriage records naming them then: what the statistics count as a first marriage
/// or a remarriage.
/// </summary>
[GenerateSerializer, Alias("Registry.Marriages.PriorMaritalStatus")]
public enum PriorMaritalStatus
{
    /// <summary>No earlier marriage recorded.</summary>
    NeverMarried = 0,

    /// <summary>The latest earlier marriage ended by divorce (registration or court), or was dissolved when a
    /// declaration of death was revoked.</summary>
    Divorced = 1,

    /// <summary>The latest earlier marriage ended by the spouse's death or declaration of death.</summary>
    Widowed = 2,

    /// <summary>Every earlier marriage was annulled or declared void by a court: void from the start, so the party
    /// marries as never married (Civil Code art. 1054), but the record says so.</summary>
    PreviousMarriageAnnulled = 3,
}
