namespace Registry.Abstractions.Marriages;

/// <summary>The certificates a marriage registry issues, each with its number prefix.</summary>
[GenerateSerializer, Alias("Registry.Marriages.CertificateKind")]
public enum CertificateKind
{
    /// <summary>Marriage certificate, prefix J.</summary>
    Marriage = 0,

    /// <summary>Divorce certificate, prefix L.</summary>
    Divorce = 1,

    /// <summary>Replacement marriage certificate, prefix BJ.</summary>
    MarriageReplacement = 2,

    /// <summary>Replacement divorce certificate, prefix BL.</summary>
    DivorceReplacement = 3,
}
