using Registry.Abstractions.Marriages;

namespace Registry.Abstractions.Persons;

/// <summary>
/// A person's entry in the marriage registry, keyed by the key of an identity document
/// (<see cref="IdentityDocument.Key"/>: a resident ID number of 18 characters, X upper case, or another document). A
/// document that belongs to a person recorded under another document is linked to that person's record and forwards
/// to it (<see cref="LinkToPersonAsync"/>), so the never-twice rule holds across a person's documents. It holds
/// the ids of the marriage records naming the person and at most one reservation for a registration in progress: the
/// one place where "this person may marry now" is decided, so two offices can never both register the same person.
/// Status is derived from the marriage records themselves, so the two never disagree.
/// </summary>
[Alias("Registry.Persons.IPersonGrain")]
public interface IPersonGrain : IGrainWithStringKey
{
    /// <summary>
    /// First internal step of a registration: holds this person for marriage <paramref name="marriageId"/> in the
    /// grain's memory, where every later registration meets it. Refused with <c>registration-in-progress</c> (409)
    /// while another registration holds the person, with <c>person-being-linked</c> (409) while this document's link to
    /// another person record is being made or undone, with <c>person-already-married</c> (422) while a marriage naming
    /// the person is in force. Idempotent for the same marriage id. When this document is linked to another person
    /// record, holds nothing and returns that record's key, where the caller holds instead; null once held here.
    /// </summary>
    Task<string?> HoldForMarriageAsync(string marriageId);

    /// <summary>
    /// As <see cref="HoldForMarriageAsync"/>, for a marriage entered from the archive that lasted from
    /// <paramref name="from"/> to <paramref name="until"/> (null: still in force): refused with
    /// <c>person-already-married</c> only when another of the person's marriages overlaps that period, and with
    /// <c>person-deceased</c> or <c>person-declared-dead</c> when it begins after the person's recorded death or
    /// declaration of death. So a bureau can bring in a person's earlier, ended marriages in any order.
    /// </summary>
    Task<string?> HoldForArchivedMarriageAsync(string marriageId, DateOnly from, DateOnly? until);

    /// <summary>
    /// Links this document to the person recorded under <paramref name="personKey"/> (a renewed passport, a corrected
    /// ID number, the card of a party the archive names without a document): from then on every hold and read of this
    /// document goes to that record, which takes over this record's marriages and linked documents, so the person has
    /// one history. Refused while a registration holds either (<c>registration-in-progress</c>, 409), when this
    /// document is linked to another person (<c>document-already-linked</c>, 409), when the target is itself linked
    /// (<c>person-is-linked</c>, 409, naming where to link instead), and when the two cannot be one person
    /// (<see cref="AcceptDocumentAsync"/>). Idempotent for the same target; a link cut short (this record then refuses
    /// holds with <c>person-being-linked</c>) completes when asked again.
    /// </summary>
    Task LinkToPersonAsync(string personKey, string reason);

    /// <summary>Internal step of <see cref="LinkToPersonAsync"/>, called by the linked document's record: takes
    /// <paramref name="documentKey"/>, the <paramref name="documents"/> linked to it and the marriage records
    /// <paramref name="marriageIds"/> naming them into this person's record, refused with <c>linked-document-differs</c>
    /// (the two of different sexes), <c>link-to-spouse</c>, <c>linked-records-overlap</c> or
    /// <c>linked-record-after-death</c> (422, see <c>PersonLinkRules</c>). The link's <paramref name="reason"/> goes
    /// into this record's history. Idempotent.</summary>
    Task AcceptDocumentAsync(string documentKey, string[] documents, string[] marriageIds, string reason);

    /// <summary>
    /// Undoes the link of this document to the person recorded under <paramref name="personKey"/>, made in error: the
    /// document becomes a person of its own again, with the documents linked to it and every marriage record naming
    /// any of them (those it brought to the link and those registered with it since), and the person keeps the rest.
    /// Refused when this document is not linked to that person (<c>document-not-linked</c>, 409), while a registration
    /// holds the person (<c>registration-in-progress</c>, 409), or when the person is itself linked further
    /// (<c>person-is-linked</c>, 409). Meanwhile the document is held for no registration (<c>person-being-linked</c>);
    /// an undo cut short completes when asked again.
    /// </summary>
    Task UnlinkFromPersonAsync(string personKey, string reason);

    /// <summary>Internal step of <see cref="UnlinkFromPersonAsync"/>: the summaries of this person's marriage records
    /// that name <paramref name="documentKey"/> or any of the <paramref name="documents"/> linked to it; null when
    /// this person no longer holds that document (it was given back). Refused while a registration holds the person.
    /// Changes nothing.</summary>
    Task<MarriageSummary[]?> GetMarriagesNamingAsync(string documentKey, string[] documents);

    /// <summary>Internal step of <see cref="UnlinkFromPersonAsync"/>: gives back <paramref name="documentKey"/>, the
    /// <paramref name="documents"/> linked to it and the marriage records <paramref name="marriageIds"/>, the undo's
    /// <paramref name="reason"/> going into this record's history. Idempotent.</summary>
    Task ReleaseDocumentAsync(string documentKey, string[] documents, string[] marriageIds, string reason);

    /// <summary>
    /// Second internal step: stores the hold taken by <see cref="HoldForMarriageAsync"/>, which makes it the
    /// reservation the marriage record may be stored over. Refused with <c>registration-interrupted</c> (409) when
    /// the hold was lost before it could be stored. Idempotent. Returns the person's earlier marriage records (those
    /// registered before this hold, in registration order), from which the registration records the person's status
    /// before it.
    /// </summary>
    Task<IReadOnlyList<MarriageSummary>> StoreHoldAsync(string marriageId);

    /// <summary>Internal step of a failed registration: drops the reservation for <paramref name="marriageId"/> if
    /// it is held. Idempotent.</summary>
    Task ReleaseReservationAsync(string marriageId);

    /// <summary>
    /// Internal, for the revocation of the spouse's declaration of death on marriage <paramref name="marriageId"/>:
    /// true when a later marriage record names this person (they remarried, Civil Code art. 51). Interleaves, so the
    /// marriage asking never waits on a registration waiting on it; refused with <c>registration-in-progress</c>
    /// while a registration naming the person is in flight. Changes nothing.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> HasMarriedSinceAsync(string marriageId);

    /// <summary>
    /// Internal, for a marriage record asked to act for a party who presents a document other than the one the
    /// marriage was registered with (a renewed passport, a corrected ID number): the key of the person record this
    /// document is linked to, or null when it is not linked (it is its own person record). Interleaves, so a marriage
    /// asking never waits on a registration waiting on it. Changes nothing and discloses no record.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string?> GetLinkedPersonAsync();

    /// <summary>The person's marital status with record references; the read is written to the access log.</summary>
    Task<MaritalStatusDetails> GetMaritalStatusAsync();

    /// <summary>The history of the person's documents: each link and undo with who, when, where and why (see
    /// <see cref="PersonEvent"/>), and the documents linked now. A document linked to another person record answers
    /// that record's, where the link is an entry. The read is written to the access log.</summary>
    Task<PersonHistory> GetHistoryAsync();

    /// <summary>
    /// Issues a numbered marriage-record extract (婚姻登记记录证明) at <paramref name="office"/>: every marriage record
    /// naming the person (registered or entered from the archive, each with its standing), or none. Issued for anyone,
    /// whatever their status; refused only while a registration naming the person is in progress
    /// (<c>registration-in-progress</c>, 409), since its outcome is not known yet. The extract is stored under its
    /// number (<see cref="IMarriageRecordExtractGrain"/>) before it is answered, and the read is written to the
    /// access log. Not idempotent: each call issues a new extract.
    /// </summary>
    Task<MarriageRecordExtract> IssueMarriageRecordExtractAsync(string office);
}
