using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>
/// Stored state of a person in the marriage registry: the marriage records naming them (oldest first, the last one
/// possibly a pending reservation). Marital status is not stored here: it is derived from the marriage records.
/// Marriage-record extracts are stored by their number (<see cref="MarriageRecordExtractGrain"/>).
/// </summary>
public sealed class PersonState
{
    public string IdNumber { get; set; } = "";

    public List<MarriageLink> Marriages { get; set; } = [];

    /// <summary>Certificates of no marriage record issued before the marriage-record extract replaced them: kept as
    /// issued (records are never deleted), never added to.</summary>
    public List<NoMarriageRecordCertificate> NoRecordCertificates { get; set; } = [];

    /// <summary>Set when this record's document belongs to a person recorded under another document (a renewed
    /// passport, a corrected ID number): the key of that person's record, where every hold and read goes.
    /// Set only while this record names no marriage, never cleared (except when the link could not be
    /// completed).</summary>
    public string? LinkedTo { get; set; }

    /// <summary>The keys of the other documents linked to this person, oldest first.</summary>
    public List<string> Documents { get; set; } = [];

    /// <summary>Reserves this person (document key <paramref name="idNumber"/>) for marriage
    /// <paramref name="marriageId"/>: a pending link, confirmed or dropped by what that record's registration
    /// became. The caller has checked that the person may marry.</summary>
    public void AddHold(string idNumber, string marriageId)
    {
        IdNumber = idNumber;
        Marriages.Add(new MarriageLink { MarriageId = marriageId, Pending = true });
    }
}
