using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Calendars;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Grains.Deadlines;
using Registry.Grains.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>
/// One marriage record and the coordinator of its registration; see <see cref="IMarriageGrain"/>.
/// </summary>
/// <remarks>
/// <para>
/// Never twice, under any interleaving. Each person grain is the one place that decides whether its person may marry
/// now, and it holds at most one reservation. A registration first holds both persons one after the other in a fixed
/// order (ordinal order of the ID numbers); a hold is taken in the person grain's memory, where every later
/// registration meets it. It then stores both holds and takes the J serial, the three at once, and only when both
/// reservations are durable stores this record: that write is the commit point. A refusal or failure before it
/// releases what was held; a failure of that write itself releases only once an abort is stored over it. Holds are
/// refused at once while another is held (409 <c>registration-in-progress</c>), never waited for, so registrations
/// cannot deadlock; the fixed order means two registrations contending for the same two people collide on the first
/// one, so one of them goes through instead of each holding one person and both failing. A hold lost before it was
/// stored (its person grain deactivated) makes the store step fail, so the record is never written over a
/// reservation that is not durable.
/// </para>
/// <para>
/// A crash half-way leaves reservations naming a record that was never stored. A reservation is never trusted
/// blindly: whenever a person grain meets one (next registration, status read, certificate) it asks this grain
/// <see cref="GetRegistrationOutcomeAsync"/>, which answers from what is durable: registered (the reservation becomes
/// the person's marriage), running, or aborted; when the registration is neither stored nor running, the abort is
/// stored first, so a registration that was cut short can never commit later (a late write would fail its ETag
/// check). The same path confirms every successful registration lazily, so the recovery code is the everyday code,
/// and a registration waits for two group commits: the two reservations (and, once per block of ten, the serial) in
/// the first, the record in the second, with no write-back to the persons.
/// </para>
/// <para>
/// Why not Orleans transactions: they need a transactional state storage (ITransactionalStateStorage), which the
/// Registry's storage provider is not; building one would give the same two-phase protocol with more machinery. The
/// reservation protocol needs only ETag-checked single-record writes, which every backend of the provider has.
/// </para>
/// </remarks>
[GrainType(StorageNames.MarriageGrainType)]
public sealed class MarriageGrain(
    [PersistentState(StorageNames.Marriage, StorageNames.Provider)] IPersistentState<MarriageState> state,
    BureauClock clock,
    HolidayCalendars calendars,
    RecordedProvinces provinces,
    IOptions<MarriageOfficeOptions> offices,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<MarriageGrain> logger) : Grain, IMarriageGrain, IRemindable
{
    private const string DeadlineReminder = "divorce-deadlines";

    // Documents link to a person one step at a time; a longer chain can only come from a link whose undo failed.
    private const int MaxLinkHops = 8;

    // What is durable, as opposed to what the in-memory state says while a write is under way: the registration
    // outcome is answered from these alone because GetRegistrationOutcomeAsync interleaves with running calls.
    private bool registering;
    private bool recordDurable;
    private bool abortDurable;
    private Task? abortWrite;

    // Set once a registration has stored the record and its own publication did not reach every read model. The
    // write left an outbox row, and the relay calls PublishAsync for it moments later: releasing the activation right
    // after the registration made that call load the record again from storage (a second activation per
    // registration). It is released after that publication instead. A registration whose publication reached them all
    // told the outbox so (see StoreAsync): the relay does not call, and the activation is released at once.
    private bool releaseAfterRelay;

    // Whether this activation has begun answering a call (see ReadAgainWhileNotStoredAsync).
    private bool answered;

    private readonly MarriageReadModels readModels = new(grains, clock.Zone, logger);

    private MarriageState State => state.State;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        recordDurable = state.RecordExists && State.Record == MarriageRecordStatus.Registered;
        abortDurable = state.RecordExists && State.Record == MarriageRecordStatus.Aborted;
        return Task.CompletedTask;
    }

    public async Task<MarriageRegistration> RegisterAsync(RegisterMarriage command)
    {
        if (registering || abortWrite is not null || State.Record != MarriageRecordStatus.None)
        {
            throw DomainException.Conflict("marriage-id-taken", $"A registration under id {Id} was already made.");
        }

        registering = true;
        var reserved = new List<IPersonGrain>(2);
        var recordWriteStarted = false;
        try
        {
            var today = clock.Today;
            var (a, b) = MarriageRules.ParseParties(command, today);
            MarriageRules.EnsureCanMarry(command, a, b, today);
            var designated = offices.Value.IsDesignated(command.Office);
            MarriageRules.EnsureOfficeMayRegister(a, b, command.Office, designated);
            await Task.WhenAll(
                RegistryDivisions.EnsureOfficeAsync(grains, command.Office, today,
                    allowProvince: MarriageRules.ProvinceMayServe(a.Document.Type, b.Document.Type, designated)),
                EnsureRecordedAsync(a, today, "partyA.idNumber"),
                EnsureRecordedAsync(b, today, "partyB.idNumber"));

            // Held one after the other in the fixed order (in memory, so each hold is one quick call), then stored
            // together with the serial: one group commit's wait instead of two. A document linked to a person
            // (another document of theirs) is held at that person's record.
            foreach (var documentKey in MarriageRules.HoldOrder(a.Number, b.Number))
            {
                reserved.Add(await HoldPersonAsync(documentKey));
            }

            MarriageRules.EnsureTwoPersons(reserved[0].GetPrimaryKeyString(), reserved[1].GetPrimaryKeyString());

            // The serial is taken beside the stores, after every refusal on the rules: only a storage failure from
            // here on leaves it unused, a gap like the rest of a block after a crash (serials are never reused).
            var series = CertificateNumber.SeriesOf(CertificateKind.Marriage, command.Office, today.Year);
            var serial = grains.Get<ICertificateCounterGrain>(series).TakeNextAsync();
            var holds = Task.WhenAll(reserved[0].StoreHoldAsync(Id), reserved[1].StoreHoldAsync(Id));
            await Task.WhenAll(holds, serial);
            var earlier = await holds;
            var number = CertificateNumber.Format(series, await serial);

            State.Id = Id;
            var registration = Aggregate(today);
            registration.Register(command, a, b, number);
            registration.RecordPriorStatusOfHolds(earlier);
            recordWriteStarted = true;

            // The number's index entry goes into the same group commit as the record (it never fails the call: an
            // entry over a record that then failed to store verifies as not found).
            var indexed = IndexCertificateAsync(number);
            await StoreAsync();
            recordDurable = true;
            await indexed;

            // Peak days register hundreds of thousands of couples, each record touched once: it leaves memory as
            // soon as nothing more is asked of it (see Release), instead of idling for the collection age; a later
            // read loads it again.
            Release();
            return new MarriageRegistration(Id, number, command.Office, today);
        }
        catch (Exception error) when (reserved.Count > 0)
        {
            await UndoHoldsAsync(reserved, recordWriteStarted, error);
            throw;
        }
        finally
        {
            registering = false;
        }
    }

    public async Task<MarriageRegistration> EnterFromArchiveAsync(EnterArchivedMarriage command)
    {
        await ReadAgainWhileNotStoredAsync();
        var today = clock.Today;
        var (a, b) = MarriageRules.ParseArchiveEntry(command, today);
        var end = MarriageRules.ParseArchivedEnd(command, a, b, today);
        var number = command.CertificateNumber.Trim();
        if (Id != command.RecordId())
        {
            throw DomainException.Invalid("archive-record-id", "certificateNumber",
                "A record from the archive is entered under the id its certificate number gives.");
        }

        if (State.Record == MarriageRecordStatus.Registered && recordDurable)
        {
            return Aggregate().HoldsArchiveEntry(command, a, b, end)
                ? new MarriageRegistration(Id, number, State.Office, State.RegisteredOn)
                : throw MarriageRules.ArchiveRecordDiffers(number);
        }

        // An earlier entry of the same record that was cut short (stored as aborted) may be tried again: the id is
        // the record's, and the abort only has to stop that earlier attempt's late write, which its ETag check does.
        if (registering || abortWrite is { IsCompleted: false } || State.Record == MarriageRecordStatus.Registered)
        {
            throw DomainException.Conflict("marriage-id-taken",
                $"An entry of certificate {number} is in progress at this moment; try again.");
        }

        registering = true;
        var reserved = new List<IPersonGrain>(2);
        var recordWriteStarted = false;
        try
        {
            // The office as it was on the registration date (it may since have been renamed, merged or abolished):
            // county-, city- and province-level offices, and the township-level governments that registered
            // marriages by the regulations of the day, in force on that date by the division history.
            await RegistryDivisions.EnsureArchiveOfficeAsync(grains, command.Office, command.RegisteredOn);
            if (end is { Kind: ArchivedEndKind.DivorceRegistration })
            {
                // The office that registered the divorce, as it was on that day.
                await RegistryDivisions.EnsureArchiveOfficeAsync(grains, end.Authority, end.EndedOn,
                    "ended.authority");
            }

            // The numbers are claimed first: a number another record holds is refused before anyone is held.
            await grains.Get<ICertificateIndexGrain>(command.CertificateKey()).RecordAsync(Id);
            if (end is { Kind: ArchivedEndKind.DivorceRegistration })
            {
                await grains.Get<ICertificateIndexGrain>(end.CertificateKey()).RecordAsync(Id);
            }

            foreach (var documentKey in MarriageRules.HoldOrder(a.Number, b.Number))
            {
                reserved.Add(await HoldPersonAsync(documentKey, (command.RegisteredOn, end?.EndedOn)));
            }

            MarriageRules.EnsureTwoPersons(reserved[0].GetPrimaryKeyString(), reserved[1].GetPrimaryKeyString());

            var earlier = await Task.WhenAll(reserved[0].StoreHoldAsync(Id), reserved[1].StoreHoldAsync(Id));
            State.Id = Id;
            var entry = Aggregate(today);
            entry.EnterFromArchive(command, a, b, end);
            entry.RecordPriorStatusOfHolds(earlier);
            recordWriteStarted = true;
            await StoreAsync();
            recordDurable = true;
            abortDurable = false;
            Release();
            return new MarriageRegistration(Id, number, command.Office, command.RegisteredOn);
        }
        catch (Exception error) when (reserved.Count > 0)
        {
            await UndoHoldsAsync(reserved, recordWriteStarted, error);
            throw;
        }
        finally
        {
            registering = false;
        }
    }

    public async Task<RegistrationOutcome> GetRegistrationOutcomeAsync()
    {
        if (registering)
        {
            return RegistrationOutcome.InProgress;
        }

        if (recordDurable)
        {
            return RegistrationOutcome.Registered;
        }

        if (!abortDurable)
        {
            // Shared by concurrent askers: only one abort write is ever under way.
            abortWrite ??= StoreAbortAsync();
            try
            {
                await abortWrite;
            }
            catch
            {
                abortWrite = null;
                throw;
            }
        }

        return recordDurable ? RegistrationOutcome.Registered : RegistrationOutcome.Aborted;
    }

    public async Task<MarriageDetails> GetAsync()
    {
        await EnsureRegisteredAsync();
        await ApplyLapsedApplicationsAsync();
        var details = Aggregate().ToDetails();
        await PersonDataAccess.RecordAsync(grains, clock, "marriage-record", Id,
            details.PartyA.IdNumber, details.PartyB.IdNumber);
        return details;
    }

    public async Task<MarriageSummary> GetSummaryAsync()
    {
        await EnsureRegisteredAsync();
        return Aggregate().ToSummary();
    }

    public async Task<DivorceApplicationDetails> ApplyForDivorceAsync(ApplyForDivorce command)
    {
        await EnsureRegisteredAsync();
        await ApplyLapsedApplicationsAsync();
        var marriage = await AggregateForPartiesAsync(command.Parties?.Select(p => p.DocumentKey) ?? []);
        var checkedCommand = marriage.CheckCanApplyForDivorce(command);
        await EnsureOfficeMayServeAsync(marriage, command.Office);
        var application = marriage.ApplyForDivorce(checkedCommand,
            await calendars.ForApplicationReceivedOnAsync(marriage.Today));
        if (application.ProvisionalYears is { Count: > 0 } provisional)
        {
            // Listed before the calendars are read again, and a load stores its calendar before it reads the list:
            // either that read sees this record listed, or the read below sees the calendar loaded.
            await Task.WhenAll(provisional.Select(year =>
                grains.Get<IProvisionalDeadlinesGrain>(IProvisionalDeadlinesGrain.KeyOf(year, Id)).AddAsync(Id)));
            var now = await calendars.ForApplicationReceivedOnAsync(application.ReceivedOn);
            foreach (var year in provisional.Where(now.IsLoaded).ToList())
            {
                marriage.RecomputeDeadlines(year, now);
            }
        }

        // The reminder first: if the state write then fails, its tick finds nothing open and removes it; a listing
        // as provisional left behind is dropped by the recompute, which then finds nothing provisional here.
        await EnsureDeadlineReminderAsync(application.LastDayToAppear);
        await StoreAsync();
        return marriage.ToDetails(application);
    }

    /// <summary>
    /// The office of a divorce application or a replacement: a recorded county-level office in force, and for a
    /// marriage with a party who is not a mainland resident one designated for such marriages (a province's department
    /// among them, as at registration).
    /// </summary>
    private async Task EnsureOfficeMayServeAsync(Marriage marriage, string? office)
    {
        var designated = office is not null && offices.Value.IsDesignated(office);
        await RegistryDivisions.EnsureOfficeAsync(grains, office, marriage.Today,
            allowProvince: marriage.ProvinceMayServe(designated));
        marriage.EnsureOfficeMayServe(office!, designated);
    }

    public async Task<DivorceApplicationDetails> GetDivorceApplicationAsync(int sequence)
    {
        await EnsureRegisteredAsync();
        await ApplyLapsedApplicationsAsync();
        var marriage = Aggregate();
        return marriage.ToDetails(marriage.FindApplication(sequence));
    }

    public async Task<DivorceApplicationDetails> WithdrawDivorceApplicationAsync(int sequence,
        WithdrawDivorceApplication command)
    {
        await EnsureRegisteredAsync();
        await ApplyLapsedApplicationsAsync();
        var marriage = await AggregateForPartiesAsync([command.PartyIdNumber]);
        var application = marriage.WithdrawDivorceApplication(sequence, command);
        await StoreAsync();
        await RemoveDeadlineReminderIfIdleAsync();
        return marriage.ToDetails(application);
    }

    public async Task<DivorceRegistration> RegisterDivorceAsync(int sequence, RegisterDivorce command)
    {
        await EnsureRegisteredAsync();
        await ApplyLapsedApplicationsAsync();
        var marriage = await AggregateForPartiesAsync(command.Parties?.Select(p => p.DocumentKey) ?? []);
        var check = marriage.CheckCanRegisterDivorce(sequence, command);
        var number = await TakeCertificateNumberAsync(CertificateKind.Divorce, check.Application.Office,
            marriage.Today);
        var registration = marriage.RegisterDivorce(check, number);
        await Task.WhenAll(StoreAsync(), IndexCertificateAsync(number));
        await RemoveDeadlineReminderIfIdleAsync();
        return registration;
    }

    public async Task<int> RecomputeDeadlinesAsync(int year)
    {
        if (State.Record != MarriageRecordStatus.Registered)
        {
            return 0;
        }

        await ApplyLapsedApplicationsAsync();
        var marriage = Aggregate();
        if (!marriage.HasProvisionalDeadlinesIn(year))
        {
            return 0;
        }

        var recomputed = marriage.RecomputeDeadlines(year,
            await calendars.ForApplicationReceivedOnAsync(marriage.LatestOpenApplicationReceivedOn!.Value));
        await EnsureDeadlineReminderAsync(marriage.LastDayToAppearOfOpenApplications!.Value);
        await StoreAsync();
        return recomputed;
    }

    public async Task<CertificateDetails> ReplaceCertificateAsync(ReplaceCertificate command)
    {
        await EnsureRegisteredAsync();
        var marriage = await AggregateForPartiesAsync([command.HolderIdNumber]);
        var (current, kind) = marriage.CertificateToReplace(command.HolderIdNumber);
        await EnsureOfficeMayServeAsync(marriage, command.Office);
        var number = await TakeCertificateNumberAsync(kind, command.Office, marriage.Today);
        var replacement = marriage.ReplaceCertificate(current, kind, number, command.Office);
        await Task.WhenAll(StoreAsync(),
            IndexCertificateAsync(number));
        return Marriage.ToDetails(replacement);
    }

    public async Task<MarriageEvent> RecordJudgmentAsync(CourtJudgment judgment)
    {
        await EnsureRegisteredAsync();
        await ApplyLapsedApplicationsAsync();
        var marriage = await AggregateForPartiesAsync([judgment.PartyIdNumber]);
        MarriageEvent recorded;
        if (judgment.Kind == CourtJudgmentKind.RevocationOfDeclarationOfDeath)
        {
            // Whether the spouse remarried is the spouse's person record's to say. It answers interleaved, refusing
            // while a registration naming the spouse is in flight; any registration that starts later reads this
            // record's summary, which waits behind this call, so it sees the marriage revived.
            var spouse = marriage.SpouseOfDeclaredDead(judgment);
            var remarried = await grains.Get<IPersonGrain>(spouse).HasMarriedSinceAsync(Id);
            recorded = marriage.RevokeDeclarationOfDeath(judgment, remarried);
        }
        else
        {
            recorded = marriage.RecordJudgment(judgment);
        }

        await StoreAsync();
        await RemoveDeadlineReminderIfIdleAsync();
        return recorded;
    }

    public async Task<MarriageEvent> RecordDeathAsync(RecordDeath command)
    {
        await EnsureRegisteredAsync();
        await ApplyLapsedApplicationsAsync();
        var recorded = (await AggregateForPartiesAsync([command.PartyIdNumber])).RecordDeath(command);
        await StoreAsync();
        await RemoveDeadlineReminderIfIdleAsync();
        return recorded;
    }

    public async Task<CertificateVerification> VerifyCertificateAsync(string number)
    {
        await EnsureRegisteredAsync();
        return Aggregate().Verify(number);
    }

    public async Task<int> ApplyDeadlinesAsync()
    {
        var applied = State.Record == MarriageRecordStatus.Registered ? await ApplyLapsedApplicationsAsync() : 0;
        await RemoveDeadlineReminderIfIdleAsync();
        return applied;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == DeadlineReminder ? ApplyDeadlinesAsync() : Task.CompletedTask;

    /// <summary>Stores every lapse that is due: the one place an application becomes deemed withdrawn, so it happens
    /// once whether the reminder or a request gets here first.</summary>
    private async Task<int> ApplyLapsedApplicationsAsync()
    {
        var lapsed = Aggregate().ApplyLapses();
        if (lapsed > 0)
        {
            await StoreAsync();
        }

        return lapsed;
    }

    /// <summary>An application lapses at the start of the day after its last day.</summary>
    private Task EnsureDeadlineReminderAsync(DateOnly lastDay) =>
        DeadlineReminders.ArmAsync(this, DeadlineReminder, lastDay.AddDays(1), clock);

    private async Task RemoveDeadlineReminderIfIdleAsync()
    {
        if (Aggregate().HasOpenApplication)
        {
            return;
        }

        try
        {
            if (await this.GetReminder(DeadlineReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception error) when (error is not DomainException)
        {
            // The change is stored; a stale reminder only ticks into an idle record and tries again then.
            logger.LogWarning(error, "Could not remove the divorce-deadline reminder of marriage {MarriageId}", Id);
        }
    }

    private async Task StoreAbortAsync()
    {
        // Decided on what storage holds, not on memory a failed write may have left behind.
        await state.ReadStateAsync();
        if (State.Record == MarriageRecordStatus.None)
        {
            State.Record = MarriageRecordStatus.Aborted;
            State.Id = Id;
            // ETag-checked against the read above: if a registration stores its record meanwhile, this write fails.
            await state.WriteOrReloadAsync();
        }

        abortDurable = State.Record == MarriageRecordStatus.Aborted;
        recordDurable = State.Record == MarriageRecordStatus.Registered;
    }

    /// <summary>Stores the abort of this registration unless its record is stored; true when the abort is
    /// durable.</summary>
    private async Task<bool> TryStoreAbortAsync()
    {
        try
        {
            await StoreAbortAsync();
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Could not store the abort of failed registration {MarriageId}", Id);
        }

        return abortDurable;
    }

    /// <summary>Holds the person of <paramref name="documentKey"/> (following links to the person record) for a new
    /// registration, or for an archive entry over the period <paramref name="archived"/>.</summary>
    private async Task<IPersonGrain> HoldPersonAsync(string documentKey,
        (DateOnly From, DateOnly? Until)? archived = null)
    {
        var target = documentKey;
        for (var hop = 0; hop < MaxLinkHops; hop++)
        {
            var person = grains.Get<IPersonGrain>(target);
            var held = archived is { } period
                ? person.HoldForArchivedMarriageAsync(Id, period.From, period.Until)
                : person.HoldForMarriageAsync(Id);
            if (await held is not { } linkedTo)
            {
                return person;
            }

            target = linkedTo;
        }

        throw DomainException.Conflict("person-link-cycle",
            $"The documents linked from {IdentityDocument.Mask(documentKey)} do not end at one person record; " +
            "an administrator must repair the links.");
    }

    private Task EnsureRecordedAsync(PartyIdentity party, DateOnly today, string field) =>
        party.Document.ResidentId is { } id ? provinces.EnsureRecordedAsync(id, today, field) : Task.CompletedTask;

    /// <summary>
    /// After a registration or archive entry failed with persons held: a record write that failed may still commit (a
    /// backend that timed out on a write it goes on to finish), so reading back "not stored" proves nothing and the
    /// persons are released only over a stored abort, which such a late write then fails its ETag check against. Found
    /// stored instead, the registration happened; neither known, the reservations stay and resolve through
    /// <see cref="GetRegistrationOutcomeAsync"/> on a fresh activation.
    /// </summary>
    private async Task UndoHoldsAsync(List<IPersonGrain> reserved, bool recordWriteStarted, Exception cause)
    {
        if (!recordWriteStarted || await TryStoreAbortAsync())
        {
            await ReleaseAsync(reserved, cause);
        }
        else if (!recordDurable)
        {
            DeactivateOnIdle();
        }
    }

    private async Task ReleaseAsync(List<IPersonGrain> reserved, Exception cause)
    {
        foreach (var person in reserved)
        {
            try
            {
                await person.ReleaseReservationAsync(Id);
            }
            catch (Exception error)
            {
                // The person grain resolves the reservation with GetRegistrationOutcomeAsync when it next meets it.
                logger.LogWarning(error,
                    "Could not release a reservation of failed registration {MarriageId} ({Cause})", Id, cause.Message);
            }
        }
    }

    /// <summary>Stores the record, then hands its statistics, register entries and names to the read models (a committed
    /// change only; the write's outbox row makes the relay hand them over should this not happen). When every read
    /// model was told, the outbox is told so (<see cref="ReadModelPublication.PublishedAll"/>), and its relay
    /// acknowledges the write's row without calling this grain for it; otherwise the relay calls
    /// <see cref="PublishAsync"/> as before.</summary>
    private async Task StoreAsync()
    {
        await state.WriteOrReloadAsync();
        if (publication.Inline)
        {
            try
            {
                await SendReadModelsAsync();
                publication.PublishedAll(StorageNames.Marriage, this.GetGrainId());
            }
            catch (Exception error)
            {
                // The record is stored and its outbox row pending; the relay sends what is missing again.
                logger.LogWarning(error,
                    "Read models of marriage {MarriageId} not fully told; the outbox relay sends them again", Id);
            }
        }
    }

    /// <summary>
    /// Lets this activation go after the record's registration or archive entry: at once when its read models hold the
    /// stored version (this activation's own publication reached them all, and the outbox was told, so the relay will
    /// not call), else after the relay's publication of that write (<see cref="PublishAsync"/>).
    /// </summary>
    private void Release()
    {
        if (readModels.HaveSent(state.Etag))
        {
            DeactivateOnIdle();
        }
        else
        {
            releaseAfterRelay = true;
        }
    }

    public async Task PublishAsync()
    {
        // The version this activation has told every read model in full (its own publication right after the write)
        // needs nothing more: what the feeds would compute from it again is what they sent, so the relay's call for
        // that write answers at once. Any other version (a publication that failed in part, a fresh activation, a
        // write by an earlier activation) is computed and sent as before.
        if (state.RecordExists && !readModels.HaveSent(state.Etag))
        {
            await SendReadModelsAsync();
        }

        // An archive record is entered once and rarely touched again: the relay's call is often what activated it
        // (the bulk import stores records without their grains), and millions of them are entered in a row.
        if (releaseAfterRelay || State.Archive is not null)
        {
            releaseAfterRelay = false;
            DeactivateOnIdle();
        }
    }

    public async Task RepublishAsync()
    {
        // What this activation remembers having sent may have been overwritten by an older version meanwhile (see
        // MarriageBulkPublisher): forgotten, so everything is sent again.
        readModels.Forget();
        if (state.RecordExists)
        {
            await SendReadModelsAsync();
        }
    }

    /// <summary>Sends the read models what this version of the record changes for them; throws when any could not be
    /// told.</summary>
    private Task SendReadModelsAsync() => readModels.SendAsync(Id, State, state.Etag);

    /// <summary>
    /// Reads the record again when this activation found none and has answered a call before: the archive's bulk
    /// import (<see cref="ArchiveImportGrain"/>) stores a record without activating its grain, so an activation made
    /// earlier (a look-up of the number before it was imported) would otherwise keep answering "not found".
    /// </summary>
    private async Task ReadAgainWhileNotStoredAsync()
    {
        if (answered && !state.RecordExists && !registering && abortWrite is null)
        {
            await state.ReadStateAsync();
            recordDurable = state.RecordExists && State.Record == MarriageRecordStatus.Registered;
            abortDurable = state.RecordExists && State.Record == MarriageRecordStatus.Aborted;
        }

        answered = true;
    }

    /// <summary>The rules over this record, as of now and recorded by the caller's actor.</summary>
    private Marriage Aggregate(DateOnly? today = null) =>
        new(State, clock.Now, today ?? clock.Today, AuditScope.Actor);

    /// <summary>
    /// The rules over this record for a change naming parties by <paramref name="presented"/> documents: any that is
    /// not a party's registered document is accepted for that party when its person record is the party's (a renewed
    /// passport or corrected ID number linked to the person, see <see cref="IPersonGrain.LinkToPersonAsync"/>). The
    /// person records are asked only then; a document that does not parse is left for the rules to refuse.
    /// </summary>
    private async Task<Marriage> AggregateForPartiesAsync(IEnumerable<string?> presented)
    {
        var marriage = Aggregate();
        var others = marriage.DocumentsToResolve(presented);
        if (others.Count == 0)
        {
            return marriage;
        }

        var (a, b) = marriage.PartyIdNumbers;
        var personA = await PersonOfAsync(a);
        var personB = await PersonOfAsync(b);
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in others)
        {
            var person = await PersonOfAsync(key);
            if (person == personA || person == personB)
            {
                links[key] = person == personA ? a : b;
            }
        }

        marriage.AcceptLinkedDocuments(links);
        return marriage;
    }

    /// <summary>The person record a document belongs to: the one it is linked to, or its own.</summary>
    private async Task<string> PersonOfAsync(string documentKey) =>
        await grains.Get<IPersonGrain>(documentKey).GetLinkedPersonAsync() ?? documentKey;

    private async Task IndexCertificateAsync(string number)
    {
        try
        {
            await CertificateIndexEntries.RecordAsync(ServiceProvider, number, Id);
        }
        catch (Exception error)
        {
            // The record is the truth and is stored regardless; the number then only fails to verify by number.
            logger.LogWarning(error, "Could not index certificate {Number} of marriage {MarriageId}", number, Id);
        }
    }

    private async Task<string> TakeCertificateNumberAsync(CertificateKind kind, string office, DateOnly today)
    {
        var series = CertificateNumber.SeriesOf(kind, office, today.Year);
        var serial = await grains.Get<ICertificateCounterGrain>(series).TakeNextAsync();
        return CertificateNumber.Format(series, serial);
    }

    private async Task EnsureRegisteredAsync()
    {
        await ReadAgainWhileNotStoredAsync();
        if (State.Record != MarriageRecordStatus.Registered || !recordDurable)
        {
            throw DomainException.NotFound("marriage-not-found", $"No marriage {Id} is recorded.");
        }
    }
}
