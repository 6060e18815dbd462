namespace Registry.Abstractions.Marriages;

/// <summary>Court judgments a marriage registry records.</summary>
[GenerateSerializer, Alias("Registry.Marriages.CourtJudgmentKind")]
public enum CourtJudgmentKind
{
    /// <summary>The marriage is void or annulled (Civil Code arts. 1051-1054): void from the start.</summary>
    Annulment = 0,

    /// <summary>A recorded fact (a party's name or nationality) is corrected.</summary>
    Correction = 1,

    /// <summary>A party is declared dead (Civil Code art. 46); the marriage ends on the judgment date (art.
    /// 51).</summary>
    DeclarationOfDeath = 2,

    /// <summary>The marriage is void (Civil Code art. 1051: bigamy, prohibited kinship, under age): void from the
    /// start like an annulment, recorded as such.</summary>
    Voidness = 3,

    /// <summary>A divorce judgment (Civil Code art. 1079); the marriage ends on the day the judgment takes legal
    /// effect, given as <see cref="CourtJudgment.EffectiveDate"/>.</summary>
    Divorce = 4,

    /// <summary>A divorce by court mediation (调解书); effective when served on both parties
    /// (<see cref="CourtJudgment.EffectiveDate"/>).</summary>
    DivorceMediation = 5,

    /// <summary>The declaration of death of <see cref="CourtJudgment.PartyIdNumber"/> is revoked (Civil Code art.
    /// 51): the marriage revives unless the spouse has remarried or declares to the registry that they do not want
    /// it to (<see cref="CourtJudgment.SpouseDeclinesRevival"/>).</summary>
    RevocationOfDeclarationOfDeath = 6,
}
