namespace Registry.Grains.Marriages;

/// <summary>Stored state of a certificate number's index entry: the marriage that issued it.</summary>
public sealed class CertificateIndexState
{
    public string MarriageId { get; set; } = "";
}
