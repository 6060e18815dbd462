namespace Registry.Grains.Marriages;

/// <summary>Stored state of a certificate series: the highest serial that may have been handed out (0 before the
/// first). Every serial handed out is at or below it, so no serial above it was ever used.</summary>
public sealed class CertificateCounterState
{
    public int LastSerial { get; set; }
}
