namespace Registry.Grains.Marriages;

/// <summary>Stored state of a certificate series: the last serial handed out (0 before the first).</summary>
public sealed class CertificateCounterState
{
    public int LastSerial { get; set; }
}
