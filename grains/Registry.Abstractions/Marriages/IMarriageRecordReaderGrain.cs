namespace Registry.Abstractions.Marriages;

/// <summary>
/// Reads of marriage records for the API (stateless; any key, e.g. 0): the same answers as the record's grain
/// (<see cref="IMarriageGrain.GetAsync"/>, <see cref="IMarriageGrain.VerifyCertificateAsync"/>), logged the same way,
/// without activating the record's grain where its stored record answers alone.
/// </summary>
[Alias("Registry.Marriages.IMarriageRecordReaderGrain")]
public interface IMarriageRecordReaderGrain : IGrainWithIntegerKey
{
    /// <summary>The record <paramref name="marriageId"/>, with both parties' data; the read is written to the access
    /// log before it is answered. Refused as the record's grain refuses (<c>marriage-not-found</c>).</summary>
    Task<MarriageDetails> GetAsync(string marriageId);

    /// <summary>The verification of certificate <paramref name="number"/> (well formed, see
    /// <see cref="CertificateNumber.IsWellFormed"/>, or an archive record's number of an earlier format, see
    /// <see cref="CertificateNumber.IsOriginalWellFormed"/>), indexed under <paramref name="key"/>
    /// (<see cref="CertificateNumber.KeyOf"/>), by the record that issued it: the answer of
    /// <see cref="ICertificateIndexGrain.GetMarriageIdAsync"/> then of that record's
    /// <see cref="IMarriageGrain.VerifyCertificateAsync"/>. <c>certificate-not-found</c> (404) when no record issued
    /// it. Read-only; not logged (the holders are masked at the HTTP edge).</summary>
    Task<CertificateVerification> VerifyCertificateAsync(string number, string key);
}
