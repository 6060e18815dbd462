using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Grains.Persons;
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
    HolidayCalendar calendar,
    RecordedProvinces provinces,
    IGrainFactory grains,
    ILogger<MarriageGrain> logger) : Grain, IMarriageGrain, IRemindable
{
    private const string DeadlineReminder = "divorce-deadlines";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromDays(1);
    private static readonly TimeSpan LongestReminderDelay = TimeSpan.FromDays(30);

    // What is durable, as opposed to what the in-memory state says while a write is under way: the registration
    // outcome is answered from these alone because GetRegistrationOutcomeAsync interleaves with running calls.
    private bool registering;
    private bool recordDurable;
    private bool abortDurable;
    private Task? abortWrite;

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
            await Task.WhenAll(
                RegistryDivisions.EnsureOfficeAsync(grains, command.Office, today),
                provinces.EnsureRecordedAsync(a, today, "partyA.idNumber"),
                provinces.EnsureRecordedAsync(b, today, "partyB.idNumber"));

            // Held one after the other in the fixed order (in memory, so each hold is one quick call), then stored
            // together with the serial: one group commit's wait instead of two.
            foreach (var idNumber in new[] { a.Number, b.Number }.Order(StringComparer.Ordinal))
            {
                var person = grains.Get<IPersonGrain>(idNumber);
                await person.HoldForMarriageAsync(Id);
                reserved.Add(person);
            }

            // The serial is taken beside the stores, after every refusal on the rules: only a storage failure from
            // here on leaves it unused, a gap like the rest of a block after a crash (serials are never reused).
            var series = CertificateNumber.SeriesOf(CertificateKind.Marriage, command.Office, today.Year);
            var serial = grains.Get<ICertificateCounterGrain>(series).TakeNextAsync();
            await Task.WhenAll(reserved[0].StoreHoldAsync(Id), reserved[1].StoreHoldAsync(Id), serial);
            var number = CertificateNumber.Format(series, await serial);

            State.Record = MarriageRecordStatus.Registered;
            State.Id = Id;
            State.Office = command.Office;
            State.RegisteredOn = today;
            State.PartyA = ToRecord(command.PartyA, a);
            State.PartyB = ToRecord(command.PartyB, b);
            State.NoSpouseDeclared = command.NoSpouseDeclared;
            State.NoProhibitedKinshipDeclared = command.NoProhibitedKinshipDeclared;
            State.BothPresent = command.BothPresent;
            State.Status = MarriageStatus.InForce;
            State.Certificates =
            [
                NewCertificate(number, CertificateKind.Marriage, a.Number, command.Office, today),
                NewCertificate(number, CertificateKind.Marriage, b.Number, command.Office, today),
            ];
            AddEvent(MarriageEventKind.Registered, today, command.Office, number, null, null, null, null);
            recordWriteStarted = true;
            await state.WriteAuditedAsync("register-marriage", null);
            recordDurable = true;

            // Peak days register hundreds of thousands of couples, each record touched once: it leaves memory when
            // this call completes instead of idling for the collection age; a later read loads it again.
            DeactivateOnIdle();
            return new MarriageRegistration(Id, number, command.Office, today);
        }
        catch (Exception error) when (reserved.Count > 0)
        {
            // A record write that failed may still commit (a backend that timed out on a write it goes on to
            // finish): reading back "not stored" proves nothing, so the persons are released only over a stored
            // abort, which such a late write then fails its ETag check against. Found stored instead, the
            // registration happened; neither known, the reservations stay and resolve through
            // GetRegistrationOutcomeAsync on a fresh activation.
            if (!recordWriteStarted || await TryStoreAbortAsync())
            {
                await ReleaseAsync(reserved, error);
            }
            else if (!recordDurable)
            {
                DeactivateOnIdle();
            }

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
        EnsureRegistered();
        await ApplyLapsedApplicationsAsync();
        var details = ToDetails();
        await PersonDataAccess.RecordAsync(grains, clock, "marriage-record", Id,
            details.PartyA.IdNumber, details.PartyB.IdNumber);
        return details;
    }

    public Task<MarriageSummary> GetSummaryAsync()
    {
        EnsureRegistered();
        var a = CurrentParty(State.PartyA);
        var b = CurrentParty(State.PartyB);
        return Task.FromResult(new MarriageSummary(Id, State.Status, State.Office, State.RegisteredOn,
            MarriageCertificateNumber(), a.IdNumber, a.Name, b.IdNumber, b.Name, State.EndedOn,
            State.DeceasedIdNumber));
    }

    public async Task<DivorceApplicationDetails> ApplyForDivorceAsync(ApplyForDivorce command)
    {
        EnsureRegistered();
        var today = clock.Today;
        var agreement = MarriageRules.RequireText(command.Agreement, "agreement", 4_000);
        await ApplyLapsedApplicationsAsync();
        EnsureInForce();
        if (State.Applications.FirstOrDefault(a => a.Outcome == DivorceApplicationOutcome.Open) is { } open)
        {
            throw DomainException.Conflict("divorce-application-open",
                $"Divorce application {ApplicationId(open)} of this marriage is still open.");
        }

        await RegistryDivisions.EnsureOfficeAsync(grains, command.Office, today);
        var (coolingOffEnds, lastDay) = DivorcePeriods.For(today, calendar);
        var application = new DivorceApplicationRecord
        {
            Sequence = State.Applications.Count + 1,
            Office = command.Office,
            Agreement = agreement,
            ReceivedOn = today,
            CoolingOffEnds = coolingOffEnds,
            LastDayToAppear = lastDay,
        };

        // The reminder first: if the state write then fails, its tick finds nothing open and removes it.
        await EnsureDeadlineReminderAsync(lastDay);
        State.Applications.Add(application);
        AddEvent(MarriageEventKind.DivorceApplied, today, command.Office, ApplicationId(application), null, null,
            null, $"cooling-off ends {coolingOffEnds:yyyy-MM-dd}; last day to appear {lastDay:yyyy-MM-dd}");
        await state.WriteAuditedAsync("apply-for-divorce", null);
        return ToDetails(application, today);
    }

    public async Task<DivorceApplicationDetails> GetDivorceApplicationAsync(int sequence)
    {
        EnsureRegistered();
        await ApplyLapsedApplicationsAsync();
        return ToDetails(FindApplication(sequence), clock.Today);
    }

    public async Task<DivorceApplicationDetails> WithdrawDivorceApplicationAsync(int sequence,
        WithdrawDivorceApplication command)
    {
        EnsureRegistered();
        var today = clock.Today;
        var party = EnsureParty(command.PartyIdNumber, "party", today);
        var reason = command.Reason?.Trim();
        if (reason?.Length > MarriageRules.MaxReasonLength)
        {
            throw DomainException.Invalid("field-too-long", "reason",
                $"'reason' is at most {MarriageRules.MaxReasonLength} characters.");
        }

        await ApplyLapsedApplicationsAsync();
        var application = FindApplication(sequence);
        EnsureOpen(application);
        if (today > application.CoolingOffEnds)
        {
            throw DomainException.Violation("cooling-off-over",
                $"The cooling-off period ended on {application.CoolingOffEnds:yyyy-MM-dd}; an application can be " +
                "withdrawn only during it. Not appearing by the last day withdraws it.");
        }

        application.Outcome = DivorceApplicationOutcome.Withdrawn;
        application.ClosedOn = today;
        application.WithdrawnBy = party;
        AddEvent(MarriageEventKind.DivorceWithdrawn, today, application.Office, ApplicationId(application), party,
            null, reason, null);
        await state.WriteAuditedAsync("withdraw-divorce-application", reason);
        await RemoveDeadlineReminderIfIdleAsync();
        return ToDetails(application, today);
    }

    public async Task<DivorceRegistration> RegisterDivorceAsync(int sequence, RegisterDivorce command)
    {
        EnsureRegistered();
        var today = clock.Today;
        await ApplyLapsedApplicationsAsync();
        var application = FindApplication(sequence);
        EnsureOpen(application);
        if (command.Office != application.Office)
        {
            throw DomainException.Violation("divorce-office-mismatch",
                $"The application was received by office {application.Office}; the divorce is registered by the " +
                "same office.");
        }

        if (today <= application.CoolingOffEnds)
        {
            throw DomainException.Violation("cooling-off-not-over",
                $"The cooling-off period runs until {application.CoolingOffEnds:yyyy-MM-dd}; both parties may appear " +
                $"from {application.CoolingOffEnds.AddDays(1):yyyy-MM-dd} to " +
                $"{application.LastDayToAppear:yyyy-MM-dd}.");
        }

        if (!command.BothPresent)
        {
            throw DomainException.Violation("both-parties-must-appear",
                "Both parties must appear in person to be registered divorced.");
        }

        var series = CertificateNumber.SeriesOf(CertificateKind.Divorce, application.Office, today.Year);
        var serial = await grains.Get<ICertificateCounterGrain>(series).TakeNextAsync();
        var number = CertificateNumber.Format(series, serial);
        application.Outcome = DivorceApplicationOutcome.Registered;
        application.ClosedOn = today;
        application.CertificateNumber = number;
        State.Status = MarriageStatus.Divorced;
        State.EndedOn = today;
        State.Certificates.Add(NewCertificate(number, CertificateKind.Divorce, State.PartyA.IdNumber,
            application.Office, today));
        State.Certificates.Add(NewCertificate(number, CertificateKind.Divorce, State.PartyB.IdNumber,
            application.Office, today));
        AddEvent(MarriageEventKind.Divorced, today, application.Office, number, null, null, null,
            $"application {ApplicationId(application)}");
        await state.WriteAuditedAsync("register-divorce", null);
        await RemoveDeadlineReminderIfIdleAsync();
        return new DivorceRegistration(ApplicationId(application), Id, number, today);
    }

    public async Task<CertificateDetails> ReplaceCertificateAsync(ReplaceCertificate command)
    {
        EnsureRegistered();
        var today = clock.Today;
        var holder = EnsureParty(command.HolderIdNumber, "party", today);
        if (State.Status == MarriageStatus.Annulled)
        {
            throw DomainException.Violation("marriage-annulled",
                "The marriage was annulled by court judgment; its certificates are not replaced.");
        }

        await RegistryDivisions.EnsureOfficeAsync(grains, command.Office, today);
        var divorced = State.Status == MarriageStatus.Divorced;
        var current = State.Certificates.Last(c => c.HolderIdNumber == holder && c.VoidedOn is null
            && (divorced
                ? c.Kind is CertificateKind.Divorce or CertificateKind.DivorceReplacement
                : c.Kind is CertificateKind.Marriage or CertificateKind.MarriageReplacement));
        var kind = divorced ? CertificateKind.DivorceReplacement : CertificateKind.MarriageReplacement;
        var series = CertificateNumber.SeriesOf(kind, command.Office, today.Year);
        var serial = await grains.Get<ICertificateCounterGrain>(series).TakeNextAsync();
        var replacement = NewCertificate(CertificateNumber.Format(series, serial), kind, holder, command.Office, today);
        current.VoidedOn = today;
        current.ReplacedBy = replacement.Number;
        State.Certificates.Add(replacement);
        AddEvent(MarriageEventKind.CertificateReplaced, today, command.Office, replacement.Number, holder, null, null,
            $"replaces {current.Number}, now void");
        await state.WriteAuditedAsync("replace-certificate", $"replaces {current.Number}");
        return ToDetails(replacement);
    }

    public async Task<MarriageEvent> RecordJudgmentAsync(CourtJudgment judgment)
    {
        EnsureRegistered();
        var today = clock.Today;
        var court = MarriageRules.RequireText(judgment.Court, "court", 200);
        var reference = MarriageRules.RequireText(judgment.Reference, "reference", 100);
        var reason = MarriageRules.RequireText(judgment.Reason, "reason", MarriageRules.MaxReasonLength);
        if (judgment.JudgmentDate > today)
        {
            throw DomainException.Invalid("judgment-date-in-future", "judgmentDate",
                "A judgment is recorded once given; its date cannot be after today.");
        }

        if (judgment.JudgmentDate < State.RegisteredOn)
        {
            // It would end or amend the record before it began (an end date before the registration date).
            throw DomainException.Invalid("judgment-before-registration", "judgmentDate",
                $"The marriage was registered on {State.RegisteredOn:yyyy-MM-dd}; a judgment on it cannot be dated " +
                "earlier.");
        }

        if (State.Events.Any(e => e.Court is not null && e.Reference == reference))
        {
            throw DomainException.Conflict("judgment-already-recorded",
                $"A judgment with reference {reference} is already recorded for this marriage.");
        }

        await ApplyLapsedApplicationsAsync();
        MarriageEvent recorded;
        switch (judgment.Kind)
        {
            case CourtJudgmentKind.Annulment:
                if (State.Status == MarriageStatus.Annulled)
                {
                    throw DomainException.Conflict("marriage-already-annulled", "The marriage is already annulled.");
                }

                State.Status = MarriageStatus.Annulled;
                State.EndedOn = judgment.JudgmentDate;
                recorded = AddEvent(MarriageEventKind.Annulled, judgment.JudgmentDate, null, reference, null, court,
                    reason, "void from the start (Civil Code art. 1054)");
                CancelOpenApplications(today, reference);
                break;

            case CourtJudgmentKind.DeclarationOfDeath:
            {
                var party = EnsureParty(judgment.PartyIdNumber, "party", today);
                EnsureInForce();
                State.Status = MarriageStatus.EndedByDeath;
                State.EndedOn = judgment.JudgmentDate;
                State.DeceasedIdNumber = party;
                recorded = AddEvent(MarriageEventKind.DeclaredDead, judgment.JudgmentDate, null, reference, party,
                    court, reason, "marriage ends on the declaration of death (Civil Code art. 51)");
                CancelOpenApplications(today, reference);
                break;
            }

            case CourtJudgmentKind.Correction:
            {
                var party = EnsureParty(judgment.PartyIdNumber, "party", today);
                var name = judgment.CorrectedName is null
                    ? null
                    : MarriageRules.RequireText(judgment.CorrectedName, "correctedName", MarriageRules.MaxNameLength);
                var nationality = judgment.CorrectedNationality is null
                    ? null
                    : MarriageRules.RequireText(judgment.CorrectedNationality, "correctedNationality",
                        MarriageRules.MaxNationalityLength);
                if (name is null && nationality is null)
                {
                    throw DomainException.Invalid("correction-empty", "correctedName",
                        "A correction names the corrected name, nationality or both.");
                }

                var before = CurrentParty(party == State.PartyA.IdNumber ? State.PartyA : State.PartyB);
                var details = string.Join("; ", new[]
                {
                    name is null ? null : $"name: {before.Name} -> {name}",
                    nationality is null ? null : $"nationality: {before.Nationality} -> {nationality}",
                }.OfType<string>());
                recorded = AddEvent(MarriageEventKind.Corrected, judgment.JudgmentDate, null, reference, party, court,
                    reason, details);
                State.Corrections.Add(new PartyCorrection
                {
                    EventSequence = recorded.Sequence,
                    PartyIdNumber = party,
                    Name = name,
                    Nationality = nationality,
                });
                break;
            }

            default:
                throw DomainException.Invalid("judgment-kind", "kind", "Unknown kind of judgment.");
        }

        await state.WriteAuditedAsync("record-judgment", reference);
        await RemoveDeadlineReminderIfIdleAsync();
        return recorded;
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
        var today = clock.Today;
        var lapsed = State.Applications.Where(a => DivorcePeriods.HasLapsed(a, today)).ToList();
        if (lapsed.Count == 0)
        {
            return 0;
        }

        foreach (var application in lapsed)
        {
            var lapsedOn = application.LastDayToAppear.AddDays(1);
            application.Outcome = DivorceApplicationOutcome.DeemedWithdrawn;
            application.ClosedOn = lapsedOn;
            AddEvent(MarriageEventKind.DivorceDeemedWithdrawn, lapsedOn, application.Office,
                ApplicationId(application), null, null,
                $"Neither party appeared by {application.LastDayToAppear:yyyy-MM-dd} (Civil Code art. 1077).", null);
        }

        await state.WriteAuditedAsync("deem-divorce-application-withdrawn", "last day to appear passed");
        return lapsed.Count;
    }

    private async Task EnsureDeadlineReminderAsync(DateOnly lastDay)
    {
        // Due at the start of the day after the last day, in the bureau's zone; Orleans reminders fire at most
        // ~49 days ahead, so a later deadline is reached by daily ticks that find nothing due yet.
        var lapseStarts = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue),
            clock.Zone.GetUtcOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var due = lapseStarts - clock.Now;
        due = due < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1)
            : due > LongestReminderDelay ? LongestReminderDelay
            : due;
        await this.RegisterOrUpdateReminder(DeadlineReminder, due, ReminderPeriod);
    }

    private async Task RemoveDeadlineReminderIfIdleAsync()
    {
        if (State.Applications.Any(a => a.Outcome == DivorceApplicationOutcome.Open))
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
            await state.WriteAuditedAsync("abort-registration", "the registration did not complete");
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

    private void CancelOpenApplications(DateOnly today, string reference)
    {
        foreach (var application in State.Applications.Where(a => a.Outcome == DivorceApplicationOutcome.Open))
        {
            application.Outcome = DivorceApplicationOutcome.Cancelled;
            application.ClosedOn = today;
            AddEvent(MarriageEventKind.DivorceApplicationCancelled, today, application.Office,
                ApplicationId(application), null, null, $"the marriage ended by judgment {reference}", null);
        }
    }

    private MarriageEvent AddEvent(MarriageEventKind kind, DateOnly effectiveDate, string? office, string? reference,
        string? party, string? court, string? reason, string? details)
    {
        var recorded = new MarriageEvent(State.Events.Count + 1, kind, clock.Now, AuditScope.Actor, effectiveDate,
            office, reference, party, court, reason, details);
        State.Events.Add(recorded);
        return recorded;
    }

    private string EnsureParty(string? idNumber, string field, DateOnly today)
    {
        var id = MarriageRules.ParseIdNumber(idNumber, field, today);
        if (id.Number != State.PartyA.IdNumber && id.Number != State.PartyB.IdNumber)
        {
            throw DomainException.Violation("party-not-in-marriage",
                $"{ResidentIdNumber.Mask(id.Number)} is not a party of marriage {Id}.");
        }

        return id.Number;
    }

    private DivorceApplicationRecord FindApplication(int sequence) =>
        State.Applications.FirstOrDefault(a => a.Sequence == sequence)
        ?? throw DomainException.NotFound("divorce-application-not-found",
            $"No divorce application {DivorceApplicationId.Format(Id, sequence)} is recorded.");

    private static void EnsureOpen(DivorceApplicationRecord application)
    {
        var (rule, message) = application.Outcome switch
        {
            DivorceApplicationOutcome.Open => (null, null),
            DivorceApplicationOutcome.Withdrawn => ("divorce-application-withdrawn",
                $"The application was withdrawn on {application.ClosedOn:yyyy-MM-dd}."),
            DivorceApplicationOutcome.DeemedWithdrawn => ("divorce-application-expired",
                $"Neither party appeared by {application.LastDayToAppear:yyyy-MM-dd}: the application is deemed " +
                "withdrawn."),
            DivorceApplicationOutcome.Registered => ("divorce-already-registered",
                $"The divorce was registered on {application.ClosedOn:yyyy-MM-dd} ({application.CertificateNumber})."),
            _ => ("divorce-application-cancelled",
                $"The marriage ended otherwise on {application.ClosedOn:yyyy-MM-dd}; the application was closed."),
        };
        if (rule is not null)
        {
            throw DomainException.Conflict(rule, message!);
        }
    }

    private void EnsureInForce()
    {
        if (State.Status != MarriageStatus.InForce)
        {
            throw DomainException.Violation("marriage-not-current",
                $"Marriage {Id} is not in force ({State.Status}, since {State.EndedOn:yyyy-MM-dd}).");
        }
    }

    private void EnsureRegistered()
    {
        if (State.Record != MarriageRecordStatus.Registered || !recordDurable)
        {
            throw DomainException.NotFound("marriage-not-found", $"No marriage {Id} is recorded.");
        }
    }

    private string ApplicationId(DivorceApplicationRecord application) =>
        DivorceApplicationId.Format(Id, application.Sequence);

    private string MarriageCertificateNumber() =>
        State.Certificates.First(c => c.Kind == CertificateKind.Marriage).Number;

    /// <summary>A party as recorded at registration with every correction applied in history order.</summary>
    private PartyRecord CurrentParty(PartyRecord registered)
    {
        var current = new PartyRecord
        {
            IdNumber = registered.IdNumber,
            Name = registered.Name,
            Nationality = registered.Nationality,
        };
        foreach (var correction in State.Corrections.Where(c => c.PartyIdNumber == registered.IdNumber))
        {
            current.Name = correction.Name ?? current.Name;
            current.Nationality = correction.Nationality ?? current.Nationality;
        }

        return current;
    }

    private PartyDetails ToDetails(PartyRecord registered)
    {
        var party = CurrentParty(registered);
        ResidentIdNumber.TryParse(party.IdNumber, State.RegisteredOn, out var id, out _);
        return new PartyDetails(party.IdNumber, party.Name, party.Nationality, id!.Sex, id.BirthDate);
    }

    private MarriageDetails ToDetails()
    {
        var today = clock.Today;
        return new MarriageDetails(Id, State.Status, State.Office, State.RegisteredOn, MarriageCertificateNumber(),
            ToDetails(State.PartyA), ToDetails(State.PartyB), State.EndedOn,
            State.Certificates.Select(ToDetails).ToList(),
            State.Applications.Select(a => ToDetails(a, today)).ToList(),
            State.Events.ToList());
    }

    private static CertificateDetails ToDetails(CertificateRecord c) =>
        new(c.Number, c.Kind, c.HolderIdNumber, c.Office, c.IssuedOn, c.VoidedOn, c.ReplacedBy);

    private DivorceApplicationDetails ToDetails(DivorceApplicationRecord a, DateOnly today) =>
        new(ApplicationId(a), Id, a.Office, a.ReceivedOn, a.CoolingOffEnds, a.LastDayToAppear,
            DivorcePeriods.StatusOn(a, today), a.ClosedOn, a.WithdrawnBy, a.CertificateNumber);

    private static PartyRecord ToRecord(MarriageParty party, ResidentId id) => new()
    {
        IdNumber = id.Number,
        Name = party.Name.Trim(),
        Nationality = party.Nationality.Trim(),
    };

    private static CertificateRecord NewCertificate(string number, CertificateKind kind, string holder, string office,
        DateOnly issuedOn) => new()
    {
        Number = number,
        Kind = kind,
        HolderIdNumber = holder,
        Office = office,
        IssuedOn = issuedOn,
    };
}
