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
}
