namespace Registry.Abstractions.Marriages;

/// <summary>The document that proves a party's death to the marriage registry.</summary>
[GenerateSerializer, Alias("Registry.Marriages.DeathProof")]
public enum DeathProof
{
    /// <summary>A medical death certificate (死亡医学证明).</summary>
    DeathCertificate = 0,

    /// <summary>The household registration office's deregistration of the person (户口注销证明).</summary>
    HouseholdDeregistration = 1,
}
