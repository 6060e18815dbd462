using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>Derives a person's marital status from the marriage records naming them. Pure.</summary>
public static class MaritalStatusRules
{
    /// <summary>
    /// The status follows the latest marriage that was not annulled (an annulled marriage is void from the start, so
    /// the status is what it was before it): in force -> married; divorced by registration or by a court, or
    /// dissolved by a revoked declaration of death that did not revive it -> divorced; ended by a death or
    /// declaration of death -> widowed, or deceased / declared dead for that party; none -> single. <paramref name="records"/> are
    /// in the order they were registered (the person record's order: dates alone cannot order two registrations on
    /// one day).
    /// </summary>
    public static MaritalStatus Derive(string idNumber, IReadOnlyList<MarriageSummary> records) =>
        Derive([idNumber], records);

    /// <summary>As <see cref="Derive(string, IReadOnlyList{MarriageSummary})"/> for a person who holds every
    /// document in <paramref name="documentKeys"/> (records name a party by the document they presented).</summary>
    public static MaritalStatus Derive(IReadOnlyCollection<string> documentKeys, IReadOnlyList<MarriageSummary> records)
    {
        // By registration date first: a marriage entered from the archive may be linked after a later one. The sort
        // is stable, so two of one day keep the person record's order.
        var latest = records.OrderBy(r => r.RegisteredOn).LastOrDefault(r => r.Status != MarriageStatus.Annulled);
        return latest?.Status switch
        {
            null => MaritalStatus.Single,
            MarriageStatus.InForce => MaritalStatus.Married,
            MarriageStatus.Divorced or MarriageStatus.DivorcedByCourt or MarriageStatus.DissolvedByDeclarationOfDeath
                => MaritalStatus.Divorced,
            _ when latest.DeceasedIdNumber is { } deceased && documentKeys.Contains(deceased) =>
                latest.DeathDeclared ? MaritalStatus.DeclaredDead : MaritalStatus.Deceased,
            _ => MaritalStatus.Widowed,
        };
    }

    /// <summary>
    /// The marital status of the person whose record is under <paramref name="person"/>'s document and who holds the
    /// linked <paramref name="documents"/> besides, from the confirmed <paramref name="records"/> naming them (in the
    /// person record's order): what <see cref="IPersonGrain.GetMaritalStatusAsync"/> answers, and a search of persons
    /// by name for each person it reads from storage. The sex and birth date are the document's, or where it carries
    /// neither (a passport, a party the archive names without a document) those the person's records give
    /// (<see cref="RecordedBirth"/>).
    /// </summary>
    public static MaritalStatusDetails Details(IdentityDocument person, IReadOnlyList<string> documents,
        IReadOnlyList<MarriageSummary> records, bool registrationInProgress, string? beingLinkedTo = null)
    {
        List<string> keys = [person.Key, .. documents];
        var status = Derive(keys, records);
        var current = status == MaritalStatus.Married
            ? records.First(r => r.Status == MarriageStatus.InForce).Id
            : null;
        var recorded = RecordedBirth(keys, records);
        return new MaritalStatusDetails(person.Key, person.Sex ?? recorded?.Sex,
            person.BirthDate ?? recorded?.BirthDate, status, current,
            registrationInProgress, records.Select(r => ReferenceFor(keys, r)).ToList())
        {
            Documents = documents.ToList(),
            BeingLinkedTo = beingLinkedTo,
        };
    }

    /// <summary>What a document linked to a person answers: the person's <paramref name="status"/>, naming the record
    /// an undo of the link is being made from (<paramref name="unlinkingFrom"/>, the document's record's
    /// <c>UnlinkingFrom</c>) while it has not completed.</summary>
    public static MaritalStatusDetails ThroughLink(MaritalStatusDetails status, string? unlinkingFrom) =>
        unlinkingFrom is null ? status : status with { BeingUnlinkedFrom = unlinkingFrom };

    /// <summary>The sex and birth date the latest of <paramref name="records"/> gives the person holding
    /// <paramref name="documentKeys"/> (what their documents carry, or what was entered where a document carries
    /// neither); null when no record names them.</summary>
    public static (Sex Sex, DateOnly BirthDate)? RecordedBirth(IReadOnlyCollection<string> documentKeys,
        IReadOnlyList<MarriageSummary> records) =>
        records.OrderBy(r => r.RegisteredOn)
            .Select(r => documentKeys.Contains(r.PartyAIdNumber) ? r.PartyABorn
                : documentKeys.Contains(r.PartyBIdNumber) ? r.PartyBBorn
                : null)
            .LastOrDefault(born => born is not null);

    /// <summary>
    /// The marriage among <paramref name="records"/> whose period overlaps <paramref name="from"/> ..
    /// <paramref name="until"/> (null: to this day and beyond), if any: a marriage lasts from its registration to the
    /// day it ended (a person may remarry on the day a divorce took effect), one still in force lasts on, and an
    /// annulled one never existed (void from the start).
    /// </summary>
    public static MarriageSummary? Overlapping(IReadOnlyList<MarriageSummary> records, DateOnly from, DateOnly? until)
    {
        var end = until ?? DateOnly.MaxValue;
        return records.FirstOrDefault(r => r.Status != MarriageStatus.Annulled
            && r.RegisteredOn < end && from < (r.EndedOn ?? DateOnly.MaxValue));
    }

    /// <summary>The record of the person's own death or declaration of death (not revoked) before
    /// <paramref name="date"/>, if any.</summary>
    public static MarriageSummary? DeathBefore(IReadOnlyCollection<string> documentKeys,
        IReadOnlyList<MarriageSummary> records, DateOnly date) =>
        records.FirstOrDefault(r => r.DeceasedIdNumber is { } deceased && documentKeys.Contains(deceased)
            && r.EndedOn is { } died && died < date);

    /// <summary>A record as seen from the party <paramref name="idNumber"/>.</summary>
    public static MarriageRecordReference ReferenceFor(string idNumber, MarriageSummary record) =>
        ReferenceFor([idNumber], record);

    /// <summary>A record as seen from the person holding <paramref name="documentKeys"/>.</summary>
    public static MarriageRecordReference ReferenceFor(IReadOnlyCollection<string> documentKeys, MarriageSummary record)
    {
        var spouseIsA = documentKeys.Contains(record.PartyBIdNumber);
        return new MarriageRecordReference(record.Id, record.CertificateNumber, record.Office, record.RegisteredOn,
            record.Status, record.EndedOn,
            spouseIsA ? record.PartyAIdNumber : record.PartyBIdNumber,
            spouseIsA ? record.PartyAName : record.PartyBName)
        {
            FromArchive = record.FromArchive,
        };
    }
}
