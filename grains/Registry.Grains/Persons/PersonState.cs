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
    /// passport, a corrected ID number, the card of a party the archive names without one): the key of that person's
    /// record, where every hold and read goes. Set once that record holds this one's marriages and documents (see
    /// <see cref="LinkingTo"/>), which stay listed here as they were; cleared only when the link is undone (see
    /// <see cref="UnlinkingFrom"/>, which names the same record while it is).</summary>
    public string? LinkedTo { get; set; }

    /// <summary>Set while this record is being linked to the person record named (stored before that record takes
    /// this one's marriages and documents, cleared when <see cref="LinkedTo"/> is stored or the link was refused):
    /// meanwhile no registration holds this document, so none is decided on half of the person's history. A link
    /// cut short leaves it set until the link is asked again.</summary>
    public string? LinkingTo { get; set; }

    /// <summary>Set while the link to the person record named (<see cref="LinkedTo"/>) is being undone: from before this
    /// record takes back its marriages until the link is cleared. Meanwhile no registration holds this document.
    /// </summary>
    public string? UnlinkingFrom { get; set; }

    /// <summary>The keys of the other documents linked to this person, oldest first.</summary>
    public List<string> Documents { get; set; } = [];

    /// <summary>The record's history: each link of a document and each undo, with who, when and why; appended in the
    /// write that makes the change, never edited (empty on records stored before it was kept).</summary>
    public List<PersonEvent> Events { get; set; } = [];

    /// <summary>Appends an entry to <see cref="Events"/>: <paramref name="kind"/> of <paramref name="document"/> (the
    /// other record's key), moving <paramref name="marriageRecords"/> marriage records, for
    /// <paramref name="reason"/>, recorded by <paramref name="actor"/> of <paramref name="office"/> at
    /// <paramref name="at"/>.</summary>
    public void Record(PersonEventKind kind, string document, int marriageRecords, string reason, DateTimeOffset at,
        string actor, string office) =>
        Events.Add(new PersonEvent(Events.Count + 1, kind, at, actor, office, document, marriageRecords, reason));

    /// <summary>Reserves this person (document key <paramref name="idNumber"/>) for marriage
    /// <paramref name="marriageId"/>: a pending link, confirmed or dropped by what that record's registration
    /// became. The caller has checked that the person may marry.</summary>
    public void AddHold(string idNumber, string marriageId)
    {
        IdNumber = idNumber;
        Marriages.Add(new MarriageLink { MarriageId = marriageId, Pending = true });
    }
}
