using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>
/// Stored state of a person in the marriage registry: the marriage records naming them (oldest first, the last one
/// possibly a pending reservation) and the certificates of no marriage record issued to them. Marital status is not
/// stored here: it is derived from the marriage records.
/// </summary>
public sealed class PersonState
{
    public string IdNumber { get; set; } = "";

    public List<MarriageLink> Marriages { get; set; } = [];

    public List<NoMarriageRecordCertificate> NoRecordCertificates { get; set; } = [];

    /// <summary>Set when this record's document belongs to a person recorded under another document (a renewed
    /// passport, a corrected ID number): the key of that person's record, where every hold and read goes.
    /// Set only while this record names no marriage, never cleared (except when the link could not be
    /// completed).</summary>
    public string? LinkedTo { get; set; }

    /// <summary>The keys of the other documents linked to this person, oldest first.</summary>
    public List<string> Documents { get; set; } = [];
}
