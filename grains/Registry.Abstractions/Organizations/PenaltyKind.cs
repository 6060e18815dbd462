namespace Registry.Abstractions.Organizations;

/// <summary>
/// Administrative penalties a registration authority imposes on a social organization (Regulations on the
/// Registration of Social Associations art. 30; Foundations art. 42; Private Non-enterprise Units art. 25).
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.PenaltyKind")]
public enum PenaltyKind
{
    /// <summary>Warning (警告).</summary>
    Warning = 0,

    /// <summary>Fine (罚款), with its amount.</summary>
    Fine = 1,

    /// <summary>Confiscation of illegal gains or property (没收违法所得/非法财产), with its amount.</summary>
    Confiscation = 2,

    /// <summary>Suspension of activities for a period (限期停止活动), with the period.</summary>
    Suspension = 3,

    /// <summary>Revocation of registration (撤销登记): ends the organization.</summary>
    Revocation = 4,
}
