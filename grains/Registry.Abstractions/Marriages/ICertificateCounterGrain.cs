namespace Registry.Abstractions.Marriages;

/// <summary>
/// The serials of one certificate series, keyed by <see cref="CertificateNumber.SeriesOf"/> (e.g.
/// <c>J110101-2026</c>). Each serial is stored as taken before it is handed out, so a serial is never handed out
/// twice, also across crashes; a crash after the store and before the caller records the certificate skips that
/// serial, which then appears on no certificate. Not idempotent.
/// </summary>
[Alias("Registry.Marriages.ICertificateCounterGrain")]
public interface ICertificateCounterGrain : IGrainWithStringKey
{
    /// <summary>The next serial, from 1; refused (<c>certificate-serials-exhausted</c>) after 999,999.</summary>
    Task<int> TakeNextAsync();
}
