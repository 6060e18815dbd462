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

    // A hold being decided (between its first await and taking it): HasMarriedSinceAsync, which interleaves,
    // refuses meanwhile, since the decision read a record that a revival may be about to change.
    private bool holdInFlight;

    private PersonState State => state.State;

    public async Task HoldForMarriageAsync(string marriageId)
    {
        holdInFlight = true;
        try
        {
            await HoldAsync(marriageId);
        }
        finally
        {
            holdInFlight = false;
        }
    }

    public async Task<bool> HasMarriedSinceAsync(string marriageId)
    {
        if (!holdInFlight && unstoredHold is null)
        {
            // Completed registrations stay pending here until confirmed lazily: settle them first.
            await ResolvePendingAsync();
        }

        if (holdInFlight || unstoredHold is not null || State.Marriages.Any(l => l.Pending))
        {
            throw DomainException.Conflict("registration-in-progress",
                $"A registration naming {ResidentIdNumber.Mask(ParseKey().Number)} is in progress at this moment; " +
                "try again once it has completed.");
        }

        // Links are kept in registration order, so any link after this marriage's is a later marriage.
        var index = State.Marriages.FindIndex(l => l.MarriageId == marriageId);
        return index >= 0 && index < State.Marriages.Count - 1;
    }

    private async Task HoldAsync(string marriageId)
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
                $"Another registration naming {ResidentIdNumber.Mask(id.Number)} is in progress at this moment; " +
                "try again once it has completed.");
        }

        var records = await LoadRecordsAsync();
        if (records.FirstOrDefault(r => r.Status == MarriageStatus.InForce) is { } current)
        {
            // The refusal discloses the person's status and certificate: logged like a read, before it is given.
            await PersonDataAccess.RecordAsync(grains, clock, "refused-person-already-married", current.Id,
                id.Number);
            throw DomainException.Violation("person-already-married",
                $"{ResidentIdNumber.Mask(id.Number)} is married (certificate {current.CertificateNumber}); a person " +
                "with a spouse cannot marry again (Civil Code art. 1041).");
        }

        switch (MaritalStatusRules.Derive(id.Number, records))
        {
            case MaritalStatus.DeclaredDead:
                throw DomainException.Violation("person-declared-dead",
                    $"{ResidentIdNumber.Mask(id.Number)} is declared dead by a court; they cannot marry unless the " +
                    "declaration is revoked (Civil Code arts. 46, 51).");
            case MaritalStatus.Deceased:
                throw DomainException.Violation("person-deceased",
                    $"The death of {ResidentIdNumber.Mask(id.Number)} is recorded; a deceased person cannot marry.");
        }

        State.IdNumber = id.Number;
        State.Marriages.Add(new MarriageLink { MarriageId = marriageId, Pending = true });
        unstoredHold = marriageId;
    }

    public async Task StoreHoldAsync(string marriageId)
    {
        if (!State.Marriages.Any(l => l.Pending && l.MarriageId == marriageId))
        {
            // Held in an activation that has since been deactivated, or resolved as aborted meanwhile.
            throw DomainException.Conflict("registration-interrupted",
                $"The hold of registration {marriageId} on {ResidentIdNumber.Mask(ParseKey().Number)} was lost " +
                "before it could be stored; nothing was registered, try again.");
        }

        if (unstoredHold != marriageId)
        {
            return;
        }

        try
        {
            await state.WriteAuditedAsync("reserve-for-marriage", marriageId);
        }
        catch
        {
            // Whether the write landed is unknown: a fresh activation reads what storage holds.
            DeactivateOnIdle();
            throw;
        }

        unstoredHold = null;

        // Most people are registered once in years: free the activation now rather than after the collection age.
        DeactivateOnIdle();
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

        await state.WriteAuditedAsync("release-reservation", marriageId);
    }

    public async Task<MaritalStatusDetails> GetMaritalStatusAsync()
    {
        var id = ParseKey();
        await ResolvePendingAsync();
        var records = await LoadRecordsAsync();
        await PersonDataAccess.RecordAsync(grains, clock, "marital-status", null, id.Number);
        var status = MaritalStatusRules.Derive(id.Number, records);
        var current = status == MaritalStatus.Married
            ? records.First(r => r.Status == MarriageStatus.InForce).Id
            : null;
        return new MaritalStatusDetails(id.Number, id.Sex, id.BirthDate, status, current,
            State.Marriages.Any(l => l.Pending),
            records.Select(r => MaritalStatusRules.ReferenceFor(id.Number, r)).ToList());
    }

    public async Task<NoMarriageRecordCertificate> IssueNoMarriageRecordCertificateAsync(string office)
    {
        var id = ParseKey();
        var today = clock.Today;
        await Task.WhenAll(
            provinces.EnsureRecordedAsync(id, today, "idNumber"),
            RegistryDivisions.EnsureOfficeAsync(grains, office, today));
        await ResolvePendingAsync();
        await PersonDataAccess.RecordAsync(grains, clock, "no-marriage-record-certificate", null, id.Number);
        if (State.Marriages.Any(l => l.Pending))
        {
            throw DomainException.Conflict("registration-in-progress",
                "A registration naming this person is in progress; no certificate can be issued now.");
        }

        if (State.Marriages.Count > 0)
        {
            throw DomainException.Conflict("marriage-record-exists",
                $"The registry holds {State.Marriages.Count} marriage record(s) naming " +
                $"{ResidentIdNumber.Mask(id.Number)}; a certificate of no marriage record cannot be issued.");
        }

        var certificate = new NoMarriageRecordCertificate(MarriageId.New(clock.Now), id.Number, office, today,
            clock.Now, AuditScope.Actor);
        State.IdNumber = id.Number;
        State.NoRecordCertificates.Add(certificate);
        await state.WriteAuditedAsync("issue-no-marriage-record-certificate", certificate.CertificateId);
        return certificate;
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

    private ResidentId ParseKey() =>
        MarriageRules.ParseIdNumber(this.GetPrimaryKeyString(), "idNumber", clock.Today);
}
