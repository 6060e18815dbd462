namespace Registry.Abstractions.Marriages;

/// <summary>
/// Which marriage record issued a certificate, keyed by the certificate number (<see cref="CertificateNumber"/>): the
/// way from a number on a booklet to the record that says whether it is valid. One grain per number, written when
/// the number is issued, beside the record's own write.
/// </summary>
[Alias("Registry.Marriages.ICertificateIndexGrain")]
public interface ICertificateIndexGrain : IGrainWithStringKey
{
    /// <summary>Stores that marriage <paramref name="marriageId"/> issued this number. Idempotent for the same
    /// marriage; a number is issued by one marriage only (<c>certificate-number-taken</c>, 409, otherwise).</summary>
    Task RecordAsync(string marriageId);

    /// <summary>The marriage that issued this number, or null when none is recorded.</summary>
    Task<string?> GetMarriageIdAsync();
}
