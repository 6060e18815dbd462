using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Grains.Marriages;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>
/// A person in the marriage registry; see <see cref="IPersonGrain"/> and, for the registration protocol, the remarks
/// of <see cref="MarriageGrain"/>. Calls are not interleaved, so checking and taking a hold is one step.
/// </summary>
/// <remarks>
/// Calls go one way only: marriage grains call persons (reserve, release), persons call marriage grains only to read
/// (<see cref="IMarriageGrain.GetRegistrationOutcomeAsync"/> interleaves; <see cref="IMarriageGrain.GetSummaryAsync"/>
/// is asked only of records whose registration has completed, so it never waits on a call waiting on this grain).
/// </remarks>
[GrainType(StorageNames.PersonGrainType)]
public sealed class PersonGrain(
    [PersistentState(StorageNames.Person, StorageNames.Provider)] IPersistentState<PersonState> state,
    BureauClock clock,
    RecordedProvinces provinces,
    IGrainFactory grains) : Grain, IPersonGrain
{
    // The marriage id of a hold taken in memory and not stored yet (see HoldForMarriageAsync); null otherwise.
    private string? unstoredHold;

    // The records the hold was decided on (the person's earlier marriages), handed back when it is stored.
    private IReadOnlyList<MarriageSummary> heldOver = [];

    // A hold being decided (between its first await and taking it): HasMarriedSinceAsync, which interleaves,
    // refuses meanwhile, since the decision read a record that a revival may be about to change.
    private bool holdInFlight;

    // Whether this activation has begun answering a call (see ReadAgainWhileNotStoredAsync).
    private bool answered;

    private PersonState State => state.State;

    public Task<string?> HoldForMarriageAsync(string marriageId) => HoldForAsync(marriageId, null);

    public Task<string?> HoldForArchivedMarriageAsync(string marriageId, DateOnly from, DateOnly? until) =>
        HoldForAsync(marriageId, (from, until));

    private async Task<string?> HoldForAsync(string marriageId, (DateOnly From, DateOnly? Until)? archived)
    {
        await ReadAgainWhileNotStoredAsync();
        EnsureNotBeingLinked();
        if (State.LinkedTo is { } linkedTo)
        {
            return linkedTo;
        }

        holdInFlight = true;
        try
        {
            await HoldAsync(marriageId, archived);
            return null;
        }
        finally
        {
            holdInFlight = false;
        }
    }

    public async Task<bool> HasMarriedSinceAsync(string marriageId)
    {
        await ReadAgainWhileNotStoredAsync();
        EnsureNotBeingLinked();
        if (State.LinkedTo is { } linkedTo)
        {
            return await grains.Get<IPersonGrain>(linkedTo).HasMarriedSinceAsync(marriageId);
        }

        if (!holdInFlight && unstoredHold is null)
        {
            // Completed registrations stay pending here until confirmed lazily: settle them first.
            await ResolvePendingAsync();
        }

        if (holdInFlight || unstoredHold is not null || State.Marriages.Any(l => l.Pending))
        {
            throw DomainException.Conflict("registration-in-progress",
                $"A registration naming {IdentityDocument.Mask(ParseKey().Key)} is in progress at this moment; " +
                "try again once it has completed.");
        }

        // Links are kept in registration order, so any link after this marriage's is a later marriage.
        var index = State.Marriages.FindIndex(l => l.MarriageId == marriageId);
        return index >= 0 && index < State.Marriages.Count - 1;
    }

    private async Task HoldAsync(string marriageId, (DateOnly From, DateOnly? Until)? archived)
    {
        var id = ParseKey();
        if (!MarriageId.IsWellFormed(marriageId))
        {
            throw DomainException.Invalid("marriage-id-format", "marriageId", "Not a marriage id.");
        }

        await ResolvePendingAsync();
        if (State.Marriages.Any(link => link.MarriageId == marriageId))
        {
            return;
        }

        if (State.Marriages.Any(link => link.Pending))
        {
            throw DomainException.Conflict("registration-in-progress",
                $"Another registration naming {IdentityDocument.Mask(id.Key)} is in progress at this moment; " +
                "try again once it has completed.");
        }

        var records = await LoadRecordsAsync();
        if (archived is { } period)
        {
            await EnsureMayHaveMarriedAsync(id, records, period.From, period.Until);
        }
        else if (records.FirstOrDefault(r => r.Status == MarriageStatus.InForce) is { } current)
        {
            // The refusal discloses the person's status and certificate: logged like a read, before it is given.
            await PersonDataAccess.RecordAsync(grains, clock, "refused-person-already-married", current.Id,
                id.Key);
            throw DomainException.Violation("person-already-married",
                $"{IdentityDocument.Mask(id.Key)} is married (certificate {current.CertificateNumber}); a person " +
                "with a spouse cannot marry again (Civil Code art. 1041).");
        }

        // Like person-already-married, these refusals disclose the person's status: logged like a read first. An
        // archive entry is judged on its own dates instead (EnsureMayHaveMarriedAsync).
        switch (archived is null ? MaritalStatusRules.Derive(Keys(id), records) : MaritalStatus.Single)
        {
            case MaritalStatus.DeclaredDead:
                await PersonDataAccess.RecordAsync(grains, clock, "refused-person-declared-dead", null, id.Key);
                throw DomainException.Violation("person-declared-dead",
                    $"{IdentityDocument.Mask(id.Key)} is declared dead by a court; they cannot marry unless the " +
                    "declaration is revoked (Civil Code arts. 46, 51).");
            case MaritalStatus.Deceased:
                await PersonDataAccess.RecordAsync(grains, clock, "refused-person-deceased", null, id.Key);
                throw DomainException.Violation("person-deceased",
                    $"The death of {IdentityDocument.Mask(id.Key)} is recorded; a deceased person cannot marry.");
        }

        State.AddHold(id.Key, marriageId);
        unstoredHold = marriageId;
        heldOver = records;
    }

    public async Task<IReadOnlyList<MarriageSummary>> StoreHoldAsync(string marriageId)
    {
        if (!State.Marriages.Any(l => l.Pending && l.MarriageId == marriageId))
        {
            // Held in an activation that has since been deactivated, or resolved as aborted meanwhile.
            throw DomainException.Conflict("registration-interrupted",
                $"The hold of registration {marriageId} on {IdentityDocument.Mask(ParseKey().Key)} was lost " +
                "before it could be stored; nothing was registered, try again.");
        }

        if (unstoredHold != marriageId)
        {
            // Stored by an earlier call: the records linked before this hold.
            var index = State.Marriages.FindIndex(l => l.MarriageId == marriageId);
            var earlier = State.Marriages.Take(index).Where(l => !l.Pending).ToList();
            return earlier.Count == 0
                ? []
                : await Task.WhenAll(earlier.Select(l => grains.Get<IMarriageGrain>(l.MarriageId).GetSummaryAsync()));
        }

        // Whether a failed write landed is unknown: a fresh activation reads what storage holds.
        await state.WriteOrLetGoAsync(DeactivateOnIdle);
        unstoredHold = null;

        // Most people are registered once in years: free the activation now rather than after the collection age.
        DeactivateOnIdle();
        return heldOver;
    }

    public async Task ReleaseReservationAsync(string marriageId)
    {
        var link = State.Marriages.FirstOrDefault(l => l.Pending && l.MarriageId == marriageId);
        if (link is null)
        {
            return;
        }

        State.Marriages.Remove(link);
        if (unstoredHold == marriageId)
        {
            // Never stored: dropping it from memory is the whole release.
            unstoredHold = null;
            return;
        }

        await state.WriteOrReloadAsync();
    }

    public async Task LinkToPersonAsync(string personKey, string reason)
    {
        await ReadAgainWhileNotStoredAsync();
        var self = ParseKey();
        var target = MarriageRules.ParseDocumentKey(personKey, "person", clock.Today).Key;
        if (target == self.Key)
        {
            throw DomainException.Violation("link-to-itself", "A document cannot be linked to its own record.");
        }

        if (State.UnlinkingFrom is not null)
        {
            EnsureNotBeingLinked();
        }

        if ((State.LinkedTo ?? State.LinkingTo) is { } linked && linked != target)
        {
            // Names the person the document belongs to: logged like a read of both.
            await PersonDataAccess.RecordAsync(grains, clock, "refused-document-already-linked", null, self.Key,
                linked);
            throw DomainException.Conflict("document-already-linked",
                $"{IdentityDocument.Mask(self.Key)} is already linked to {IdentityDocument.Mask(linked)}" +
                (State.LinkedTo is null ? " (the link not completed: ask it again to complete it)." : "."));
        }

        if (State.LinkedTo is not null)
        {
            // Linked before; a link stored by an earlier version before the person took it is completed here.
            await HandOverAsync(target, reason);
            return;
        }

        if (State.LinkingTo is null)
        {
            await EnsureNoRegistrationHeldAsync("link the document");

            // Stored first: from this write on no registration holds this document, so none is decided on this
            // record's half of the person's history while the other record takes it over.
            State.IdNumber = self.Key;
            State.LinkingTo = target;
            await state.WriteOrLetGoAsync(DeactivateOnIdle);
        }

        try
        {
            await HandOverAsync(target, reason);
        }
        catch (DomainException)
        {
            State.LinkingTo = null;
            await state.WriteOrLetGoAsync(DeactivateOnIdle);
            throw;
        }

        State.LinkingTo = null;
        State.LinkedTo = target;
        RecordEvent(PersonEventKind.LinkedTo, target, State.Marriages.Count(l => !l.Pending), reason);
        await state.WriteOrLetGoAsync(DeactivateOnIdle);
    }

    /// <summary>Appends <paramref name="kind"/> of <paramref name="document"/> to this record's history, recorded now
    /// by the acting user and office; stored with the write that makes the change.</summary>
    private void RecordEvent(PersonEventKind kind, string document, int marriageRecords, string reason) =>
        State.Record(kind, document, marriageRecords, reason, clock.Now, AuditScope.Actor, AuditScope.Office);

    /// <summary>Hands this record's documents and marriages to the person record <paramref name="target"/>.</summary>
    private Task HandOverAsync(string target, string reason) =>
        grains.Get<IPersonGrain>(target).AcceptDocumentAsync(ParseKey().Key, [.. State.Documents],
            [.. State.Marriages.Where(l => !l.Pending).Select(l => l.MarriageId)], reason);

    public async Task AcceptDocumentAsync(string documentKey, string[] documents, string[] marriageIds,
        string reason)
    {
        await ReadAgainWhileNotStoredAsync();
        var self = ParseKey();
        EnsureNotLinkedOnward("link the document to that record");

        if (State.Documents.Contains(documentKey, StringComparer.Ordinal))
        {
            return;
        }

        await EnsureNoRegistrationHeldAsync("link the document");

        // The handed-over records completed their registrations (a record holding a pending hold is not handed over).
        var mine = await LoadRecordsAsync();
        IReadOnlyList<MarriageSummary> theirs = marriageIds.Length == 0
            ? []
            : await Task.WhenAll(marriageIds.Select(id => grains.Get<IMarriageGrain>(id).GetSummaryAsync()));
        PersonLinkRules.EnsureRecordedIfUnrecorded(self.Key, mine);
        PersonLinkRules.EnsureRecordedIfUnrecorded(documentKey, theirs);
        List<string> theirKeys = [documentKey, .. documents];
        var document = MarriageRules.ParseDocumentKey(documentKey, "number", clock.Today);
        try
        {
            PersonLinkRules.EnsureSameSex(documentKey,
                document.Sex ?? MaritalStatusRules.RecordedBirth(theirKeys, theirs)?.Sex,
                self.Key, self.Sex ?? MaritalStatusRules.RecordedBirth(Keys(self), mine)?.Sex);
            PersonLinkRules.EnsureHistoriesJoin([.. Keys(self), .. theirKeys], mine, theirs);
        }
        catch (DomainException refusal)
        {
            // The refusal discloses what the records of both say: logged like a read of both first.
            await PersonDataAccess.RecordAsync(grains, clock, $"refused-{refusal.Rule}", null, self.Key,
                documentKey);
            throw;
        }

        State.IdNumber = self.Key;
        State.Documents.AddRange(theirKeys.Where(k => !State.Documents.Contains(k, StringComparer.Ordinal)));

        // One history: two of one day keep this record's order, then the other's.
        State.Marriages = InRegistrationOrder(mine.Concat(theirs));
        RecordEvent(PersonEventKind.DocumentLinked, documentKey, marriageIds.Length, reason);
        await state.WriteOrLetGoAsync(DeactivateOnIdle);
    }

    public async Task UnlinkFromPersonAsync(string personKey, string reason)
    {
        await ReadAgainWhileNotStoredAsync();
        var self = ParseKey();
        var target = MarriageRules.ParseDocumentKey(personKey, "person", clock.Today).Key;
        if (State.LinkedTo != target)
        {
            throw DomainException.Conflict("document-not-linked",
                $"{IdentityDocument.Mask(self.Key)} is not linked to {IdentityDocument.Mask(target)}.");
        }

        var person = grains.Get<IPersonGrain>(target);
        if (State.UnlinkingFrom is null)
        {
            // Stored first: from this write on no registration holds this document (none forwarded to the person
            // either), so the records naming it are all known before they are taken back.
            State.UnlinkingFrom = target;
            await state.WriteOrLetGoAsync(DeactivateOnIdle);
        }

        try
        {
            // Null once the person has let them go, which it does only after this record stored them.
            if (await person.GetMarriagesNamingAsync(self.Key, [.. State.Documents]) is { } records)
            {
                // Stored before the person lets them go, so an undo cut short never loses them.
                State.Marriages = InRegistrationOrder(records);
                await state.WriteOrLetGoAsync(DeactivateOnIdle);
            }
        }
        catch (DomainException)
        {
            State.UnlinkingFrom = null;
            await state.WriteOrLetGoAsync(DeactivateOnIdle);
            throw;
        }

        await person.ReleaseDocumentAsync(self.Key, [.. State.Documents],
            [.. State.Marriages.Select(l => l.MarriageId)], reason);
        State.UnlinkingFrom = null;
        State.LinkedTo = null;
        RecordEvent(PersonEventKind.UnlinkedFrom, target, State.Marriages.Count, reason);
        await state.WriteOrLetGoAsync(DeactivateOnIdle);
    }

    public async Task<MarriageSummary[]?> GetMarriagesNamingAsync(string documentKey, string[] documents)
    {
        await ReadAgainWhileNotStoredAsync();
        EnsureNotLinkedOnward("undo that link first");
        if (!State.Documents.Contains(documentKey, StringComparer.Ordinal))
        {
            return null;
        }

        await EnsureNoRegistrationHeldAsync("undo the link");
        List<string> keys = [documentKey, .. documents];
        var records = await LoadRecordsAsync();
        return records.Where(r => keys.Contains(r.PartyAIdNumber) || keys.Contains(r.PartyBIdNumber)).ToArray();
    }

    public async Task ReleaseDocumentAsync(string documentKey, string[] documents, string[] marriageIds, string reason)
    {
        await ReadAgainWhileNotStoredAsync();
        List<string> keys = [documentKey, .. documents];
        if (!State.Documents.Any(keys.Contains) && !State.Marriages.Any(l => marriageIds.Contains(l.MarriageId)))
        {
            return;
        }

        State.Documents.RemoveAll(keys.Contains);
        State.Marriages.RemoveAll(l => marriageIds.Contains(l.MarriageId));
        RecordEvent(PersonEventKind.DocumentUnlinked, documentKey, marriageIds.Length, reason);
        await state.WriteOrLetGoAsync(DeactivateOnIdle);
    }

    public async Task<string?> GetLinkedPersonAsync()
    {
        await ReadAgainWhileNotStoredAsync();
        return State.LinkedTo;
    }

    public async Task<MaritalStatusDetails> GetMaritalStatusAsync()
    {
        await ReadAgainWhileNotStoredAsync();
        if (State.LinkedTo is { } linkedTo)
        {
            return MaritalStatusRules.ThroughLink(await grains.Get<IPersonGrain>(linkedTo).GetMaritalStatusAsync(),
                State.UnlinkingFrom);
        }

        var id = ParseKey();
        await ResolvePendingAsync();
        var records = await LoadRecordsAsync();
        await PersonDataAccess.RecordAsync(grains, clock, "marital-status", null, id.Key);
        return MaritalStatusRules.Details(id, State.Documents, records, State.Marriages.Any(l => l.Pending),
            State.LinkingTo);
    }

    public async Task<PersonHistory> GetHistoryAsync()
    {
        await ReadAgainWhileNotStoredAsync();
        if (State.LinkedTo is { } linkedTo)
        {
            return await grains.Get<IPersonGrain>(linkedTo).GetHistoryAsync();
        }

        // Names the person's documents and the registrars who linked them: logged like a read.
        var id = ParseKey();
        await PersonDataAccess.RecordAsync(grains, clock, "person-history", null, id.Key);
        return new PersonHistory(id.Key, [.. State.Documents], [.. State.Events]);
    }

    public async Task<MarriageRecordExtract> IssueMarriageRecordExtractAsync(string office)
    {
        await ReadAgainWhileNotStoredAsync();
        if (State.LinkedTo is { } linkedTo)
        {
            return await grains.Get<IPersonGrain>(linkedTo).IssueMarriageRecordExtractAsync(office);
        }

        var id = ParseKey();
        var today = clock.Today;

        // Any registry office issues one, the designated province departments included (they register the
        // marriages of parties who are not mainland residents and are asked for their extracts).
        await Task.WhenAll(
            id.ResidentId is { } residentId
                ? provinces.EnsureRecordedAsync(residentId, today, "idNumber")
                : Task.CompletedTask,
            RegistryDivisions.EnsureOfficeAsync(grains, office, today, allowProvince: true));
        await ResolvePendingAsync();
        var records = await LoadRecordsAsync();

        // Refused before a serial is taken, so a refusal leaves no gap in the office's numbers.
        MarriageRecordExtracts.EnsureCanIssue(State.Marriages.Any(l => l.Pending) || unstoredHold is not null);
        var series = MarriageRecordExtractNumber.SeriesOf(office, today.Year);
        var serial = await grains.Get<ICertificateCounterGrain>(series).TakeNextAsync();
        var extract = MarriageRecordExtracts.Compose(CertificateNumber.Format(series, serial), Keys(id), records,
            office, clock.Now, today, AuditScope.Actor);

        // Logged before it is stored and answered: the extract discloses every record of the person.
        await PersonDataAccess.RecordAsync(grains, clock, "marriage-record-extract", extract.Number, id.Key);
        await grains.Get<IMarriageRecordExtractGrain>(extract.Number).StoreAsync(extract);
        return extract;
    }

    /// <summary>
    /// Settles a pending reservation with its marriage grain: registered -> the link is confirmed; aborted -> it is
    /// dropped; running -> it stays. The change is kept in memory and stored with this grain's next write: the
    /// marriage grain's stored outcome is the truth, so asking again after a restart gives the same answer.
    /// </summary>
    private async Task ResolvePendingAsync()
    {
        var pending = State.Marriages.FirstOrDefault(l => l.Pending);
        if (pending is null)
        {
            return;
        }

        var outcome = await grains.Get<IMarriageGrain>(pending.MarriageId).GetRegistrationOutcomeAsync();
        switch (outcome)
        {
            case RegistrationOutcome.Registered:
                pending.Pending = false;
                break;
            case RegistrationOutcome.Aborted:
                State.Marriages.Remove(pending);
                if (unstoredHold == pending.MarriageId)
                {
                    unstoredHold = null;
                }

                break;
        }
    }

    /// <summary>The records of every confirmed link, in the order they were registered.</summary>
    private async Task<IReadOnlyList<MarriageSummary>> LoadRecordsAsync()
    {
        var confirmed = State.Marriages.Where(l => !l.Pending).ToList();
        return confirmed.Count == 0
            ? []
            : await Task.WhenAll(confirmed.Select(link =>
                grains.Get<IMarriageGrain>(link.MarriageId).GetSummaryAsync()));
    }

    /// <summary>
    /// Reads the record again when this activation holds nothing stored and has answered a call before: the archive's
    /// bulk import (<see cref="ArchiveImportGrain"/>) stores the record of a person who has none, holding them for an
    /// archive entry, without activating this grain, so an activation made earlier (a status read, a refusal) would
    /// otherwise keep answering from the empty state it loaded. A fresh activation has just read it; an activation
    /// holding anything in memory was stored or is holding (and then its own write would fail on the newer record).
    /// </summary>
    private async Task ReadAgainWhileNotStoredAsync()
    {
        if (answered && !state.RecordExists && unstoredHold is null && !holdInFlight && State.Marriages.Count == 0
            && State.LinkedTo is null && State.Documents.Count == 0)
        {
            await state.ReadStateAsync();
        }

        answered = true;
    }

    /// <summary>Links to <paramref name="records"/> oldest first, by registration date (a stable sort: two of one day
    /// keep the order given).</summary>
    private static List<MarriageLink> InRegistrationOrder(IEnumerable<MarriageSummary> records) =>
        records.OrderBy(r => r.RegisteredOn).Select(r => new MarriageLink { MarriageId = r.Id }).ToList();

    /// <summary>Refuses with <c>person-is-linked</c> (409) when this record is itself linked (or being linked) to
    /// another, where a link to it or an undo must go instead (<paramref name="then"/>).</summary>
    private void EnsureNotLinkedOnward(string then)
    {
        if ((State.LinkedTo ?? State.LinkingTo) is { } linkedTo)
        {
            throw DomainException.Conflict("person-is-linked",
                $"{IdentityDocument.Mask(ParseKey().Key)} is itself linked to {IdentityDocument.Mask(linkedTo)}: " +
                $"{then}.");
        }
    }

    /// <summary>Settles a pending reservation, then refuses with <c>registration-in-progress</c> (409) while a
    /// registration holds this person: a link or its undo (<paramref name="then"/>) waits until it has completed.</summary>
    private async Task EnsureNoRegistrationHeldAsync(string then)
    {
        await ResolvePendingAsync();
        if (unstoredHold is not null || State.Marriages.Any(l => l.Pending))
        {
            throw DomainException.Conflict("registration-in-progress",
                $"A registration naming {IdentityDocument.Mask(ParseKey().Key)} is in progress at this moment; " +
                $"{then} once it has completed.");
        }
    }

    /// <summary>Refuses, with <c>person-being-linked</c> (409), what would be decided on this record's half of the
    /// person's history while another record takes it over (<see cref="PersonState.LinkingTo"/>).</summary>
    private void EnsureNotBeingLinked()
    {
        if ((State.LinkingTo ?? State.UnlinkingFrom) is { } linkingTo)
        {
            throw DomainException.Conflict("person-being-linked",
                $"{IdentityDocument.Mask(ParseKey().Key)} is being linked to {IdentityDocument.Mask(linkingTo)}; " +
                "try again once the link has completed (a link cut short completes when it is asked again).");
        }
    }

    private IdentityDocument ParseKey() =>
        MarriageRules.ParseDocumentKey(this.GetPrimaryKeyString(), "idNumber", clock.Today);

    /// <summary>Every document of this person: the record's own and those linked to it.</summary>
    private List<string> Keys(IdentityDocument self) => [self.Key, .. State.Documents];

    /// <summary>The archive entry's refusals (see <see cref="HoldForArchivedMarriageAsync"/>); each discloses the
    /// person's records, so it is logged like a read before it is given.</summary>
    private async Task EnsureMayHaveMarriedAsync(IdentityDocument id, IReadOnlyList<MarriageSummary> records,
        DateOnly from, DateOnly? until)
    {
        if (MaritalStatusRules.Overlapping(records, from, until) is { } other)
        {
            await PersonDataAccess.RecordAsync(grains, clock, "refused-person-already-married", other.Id, id.Key);
            throw DomainException.Violation("person-already-married",
                $"{IdentityDocument.Mask(id.Key)} was married from {other.RegisteredOn:yyyy-MM-dd} " +
                (other.EndedOn is { } ended ? $"to {ended:yyyy-MM-dd}" : "and still is") +
                $" (certificate {other.CertificateNumber}), which this archive entry's period overlaps; a person " +
                "with a spouse cannot marry again (Civil Code art. 1041).");
        }

        if (MaritalStatusRules.DeathBefore(Keys(id), records, from) is { } death)
        {
            await PersonDataAccess.RecordAsync(grains, clock,
                death.DeathDeclared ? "refused-person-declared-dead" : "refused-person-deceased", death.Id, id.Key);
            throw death.DeathDeclared
                ? DomainException.Violation("person-declared-dead",
                    $"{IdentityDocument.Mask(id.Key)} was declared dead on {death.EndedOn:yyyy-MM-dd}, before this " +
                    "archive entry's date (Civil Code arts. 46, 51).")
                : DomainException.Violation("person-deceased",
                    $"The death of {IdentityDocument.Mask(id.Key)} on {death.EndedOn:yyyy-MM-dd} is recorded, before " +
                    "this archive entry's date.");
        }
    }
}
