namespace Registry.Abstractions.Organizations;

/// <summary>
/// Grounds for the serious-dishonesty list (Credit Information Measures for Social Organizations 2018): the clock's
/// own ground is <see cref="ListGrounds.AbnormalListTwoYears"/>; these are listed by decision.
/// </summary>
public static class DishonestyGrounds
{
    /// <summary>A change of registration obtained by fraud was revoked (弄虚作假办理变更登记，被撤销变更登记).</summary>
    public const string ChangeRevokedForFraud = "change-registration-revoked-for-fraud";

    /// <summary>Penalised with suspension of activities for a period (受到限期停止活动行政处罚).</summary>
    public const string SuspensionOfActivities = "suspension-of-activities";

    /// <summary>Fined 50,000 yuan or more (受到5万元以上罚款处罚).</summary>
    public const string FineOf50000OrMore = "fine-of-50000-or-more";

    /// <summary>Two or more warnings or fines under 50,000 yuan within three years (三年内两次以上警告或不满5万元罚款).</summary>
    public const string RepeatedWarningsOrFines = "repeated-warnings-or-fines";

    /// <summary>Put on the courts' list of dishonest judgment debtors (被司法机关纳入失信被执行人名单).</summary>
    public const string DishonestJudgmentDebtor = "dishonest-judgment-debtor";

    /// <summary>Other cases laws or administrative regulations require (法律、行政法规规定应当列入的其他情形).</summary>
    public const string OtherByLaw = "other-by-law";

    /// <summary>The registration was revoked (被撤销登记): listed by the revocation itself.</summary>
    public const string RegistrationRevoked = "registration-revoked";

    /// <summary>Grounds a registrar may name in a listing decision.</summary>
    public static readonly IReadOnlyList<string> ByDecision =
        [ChangeRevokedForFraud, SuspensionOfActivities, FineOf50000OrMore, RepeatedWarningsOrFines,
            DishonestJudgmentDebtor, OtherByLaw];

    /// <summary>A fine of at least this many yuan is a ground of its own.</summary>
    public const decimal SeriousFine = 50_000m;
}
