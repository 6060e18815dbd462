using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Text;

namespace Registry.Grains.Persons;

/// <summary>
/// What a link between two records of one person must respect (<see cref="IPersonGrain.LinkToPersonAsync"/>): a renewed
/// passport, a corrected ID number, the card of a party the archive names without a document
/// (<see cref="IdentityDocumentType.Unrecorded"/>). Where both records already name marriages, the link joins their
/// histories into one, which must be a history one person can have. The registrar establishes the identity (the
/// household register, the certificates the person holds) and says how in the link's reason; these rules refuse only
/// what the records themselves show cannot be one person. A different birth date is left to the registrar: records
/// made before identity cards often wrote the lunar birthday, which falls on another day (sometimes in another year)
/// of the Gregorian calendar. Pure.
/// </summary>
public static class PersonLinkRules
{
    /// <summary>Throws <c>marriage-not-found</c> (404) when <paramref name="key"/> is a party the archive names without
    /// a document (<see cref="IdentityDocument.OfUnrecordedParty"/>) and no record names them
    /// (<paramref name="records"/> empty): such a party is known only by their record.</summary>
    public static void EnsureRecordedIfUnrecorded(string key, IReadOnlyList<MarriageSummary> records)
    {
        if (records.Count == 0 && IdentityDocument.IsUnrecordedKey(key))
        {
            throw DomainException.NotFound("marriage-not-found",
                $"No marriage record names {key}: a party the archive names without a document is known only by " +
                "that record.");
        }
    }

    /// <summary>Throws <c>linked-document-differs</c> (422) when the document <paramref name="documentKey"/> and the
    /// person <paramref name="personKey"/> are of different sexes, as their documents or, where a document carries
    /// none, their records give them (<paramref name="documentSex"/>, <paramref name="personSex"/>; null when
    /// unknown).</summary>
    public static void EnsureSameSex(string documentKey, Sex? documentSex, string personKey, Sex? personSex)
    {
        if (documentSex is { } a && personSex is { } b && a != b)
        {
            throw DomainException.Violation("linked-document-differs",
                $"{IdentityDocument.Mask(documentKey)} is a {ApiTerms.Value(a)}'s document or record; " +
                $"{IdentityDocument.Mask(personKey)} is recorded as a {ApiTerms.Value(b)}: not the same person.");
        }
    }

    /// <summary>
    /// Throws when the records of the person (<paramref name="person"/>) and those naming the document linked to them
    /// (<paramref name="document"/>) cannot be one person's history; <paramref name="keys"/> are every document of the
    /// joined person. <c>link-to-spouse</c> (422): one record names both as its two parties. <c>linked-records-overlap</c>
    /// (422): a marriage of one overlaps a marriage of the other (Civil Code art. 1041: a person with a spouse cannot
    /// marry again). <c>linked-record-after-death</c> (422): a marriage of one begins after the other's recorded death
    /// or declaration of death.
    /// </summary>
    public static void EnsureHistoriesJoin(IReadOnlyCollection<string> keys, IReadOnlyList<MarriageSummary> person,
        IReadOnlyList<MarriageSummary> document)
    {
        if (document.FirstOrDefault(d => person.Any(p => p.Id == d.Id)) is { } shared)
        {
            throw DomainException.Violation("link-to-spouse",
                $"Marriage {shared.CertificateNumber} names both as its two parties: a person is not their own spouse.");
        }

        foreach (var record in document.Where(d => d.Status != MarriageStatus.Annulled))
        {
            if (MaritalStatusRules.Overlapping(person, record.RegisteredOn, record.EndedOn) is { } other)
            {
                throw DomainException.Violation("linked-records-overlap",
                    $"Marriage {record.CertificateNumber} ({Period(record)}) overlaps marriage {other.CertificateNumber} " +
                    $"({Period(other)}): a person with a spouse cannot marry again (Civil Code art. 1041), so they are " +
                    "not one person's.");
            }
        }

        List<MarriageSummary> joined = [.. person, .. document];
        foreach (var record in joined.Where(r => r.Status != MarriageStatus.Annulled))
        {
            if (MaritalStatusRules.DeathBefore(keys, joined, record.RegisteredOn) is { } death)
            {
                throw DomainException.Violation("linked-record-after-death",
                    $"Marriage {record.CertificateNumber} was registered on {record.RegisteredOn:yyyy-MM-dd}, after " +
                    $"the {(death.DeathDeclared ? "declaration of death" : "death")} of {death.EndedOn:yyyy-MM-dd} " +
                    $"that marriage {death.CertificateNumber} records: not one person's.");
            }
        }
    }

    private static string Period(MarriageSummary record) =>
        record.EndedOn is { } ended
            ? $"{record.RegisteredOn:yyyy-MM-dd} to {ended:yyyy-MM-dd}"
            : $"since {record.RegisteredOn:yyyy-MM-dd}";
}
