using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;
using Registry.Abstractions.Time;
using Registry.Grains.Deadlines;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Organizations;

/// <summary>
/// One social organization; see <see cref="IOrganizationGrain"/>.
/// <para>
/// Deadlines: the daily sweep of the organization's index partition (<see cref="OrganizationDeadlineSweepGrain"/>,
/// one durable reminder per partition) calls <see cref="ApplyDeadlinesAsync"/> on or after the start of each
/// deadline day, found from the index entry this grain publishes after every write (its outbox row guarantees it), so
/// a registration or import arms no reminder of its own. Exactly-once comes from the state, not from the sweep: the
/// last applied window and the open list entries are stored with the record, and every deadline carries its own date,
/// so a late, repeated or concurrent call applies nothing twice and nothing with the wrong date. Commands apply due
/// deadlines first as well. An organization registered before the sweep existed still has its own reminder
/// (<see cref="DeadlineReminder"/>): its ticks apply deadlines as they did, and it is removed once this activation
/// has published an entry the sweep reads (one carrying <see cref="OrganizationIndexEntry.NextReportYear"/>).
/// </para>
/// <para>
/// Names: a registration or rename first claims the name from its <see cref="IOrganizationNameGrain"/>, then
/// writes the record; a rename or deregistration releases the old claim after its write. A claim whose release was
/// lost is recovered by asking this grain (<see cref="HoldsNameAsync"/>), which answers from its stored state and
/// the claims it is making right now.
/// </para>
/// <para>
/// Search and statistics: after each committed write the grain upserts its entry into its index partition (skipped
/// when the public particulars did not change; carried in the partition's next batch by the silo's
/// <see cref="OrganizationIndexPublisher"/>, and awaited until stored) and hands over its figures; if that fails
/// the write still stands and a timer retries. The guarantee is the write's outbox row: the silo's relay calls <see cref="PublishAsync"/>
/// until both are sent, also after a crash right after the write.
/// </para>
/// <para>
/// An imported record's activation goes as soon as its read models hold it, and other idle activations after five
/// minutes rather than the silo's default: an import of the national register touches each of 900,000 records
/// once, and holding them makes every garbage collection slower. The next call reads the record back (one keyed
/// read); what lives only in memory (the last published index entry and statistics) is sent again, which the read
/// models ignore.
/// </para>
/// </summary>
[GrainType(StorageNames.OrganizationGrainType)]
[CollectionAgeLimit(Minutes = 5)]
public sealed class OrganizationGrain(
    [PersistentState(StorageNames.Organization, StorageNames.Provider)] IPersistentState<OrganizationState> state,
    BureauClock clock,
    FilingWindowPolicy windows,
    CharityThresholdOptions charity,
    IGrainFactory grains,
    ReadModelPublication publication,
    OrganizationIndexPublisher index,
    ILogger<OrganizationGrain> logger) : Grain, IOrganizationGrain, IRemindable
{
    public const string DeadlineReminder = "annual-cycle-deadlines";

    private static readonly TimeSpan PublishRetryPeriod = TimeSpan.FromSeconds(30);

    private readonly HashSet<string> claimsInFlight = new(StringComparer.Ordinal);
    private readonly StatisticsFeed statistics = new(grains, logger);
    private OrganizationIndexEntry? published;
    private IGrainTimer? publishRetry;

    private OrganizationState State => state.State;

    private Organization Aggregate => new(State, windows, charity);

    private string Uscc => this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists && State.Uscc.Length > 0;

    public async Task<OrganizationDetails> RegisterAsync(RegisterOrganization command)
    {
        EnsureSentHere(command.Uscc, "The registration");
        if (Exists)
        {
            throw AlreadyRegistered();
        }

        var today = clock.Today;
        var registered = Organization.Register(command, today, windows, Stamp());
        await EnsureOfficeInForceAsync(command.RegisteringOffice, today);
        await StoreNewAsync(registered.State);
        return OrganizationViews.Details(State);
    }

    public async Task<ImportOutcome> ImportAsync(ImportOrganization command)
    {
        EnsureSentHere(command.Uscc, "The row");
        if (Exists)
        {
            return Aggregate.WasImported ? ImportOutcome.AlreadyStored : throw AlreadyRegistered();
        }

        var imported = Organization.Import(command, clock.Today, windows, Stamp());
        await EnsureOfficeInForceAsync(command.RegisteringOffice, command.RegisteredOn);
        if (await StoreNewAsync(imported.State))
        {
            // An imported record is entered once and rarely read soon after, and an import enters hundreds of
            // thousands in a row: this activation goes now that its read models hold the write, instead of after the
            // collection age (the national register otherwise held gigabytes of idle records while it loaded).
            // Unpublished, it stays for its retry timer and the relay's call.
            DeactivateOnIdle();
        }

        return ImportOutcome.Imported;
    }

    /// <summary>
    /// Stores a new record: an active one first claims its name in its office; a deregistered or revoked one (from
    /// an import) holds no name. True when the read models hold the stored record (see <see cref="WriteAsync"/>).
    /// </summary>
    private async Task<bool> StoreNewAsync(OrganizationState draft)
    {
        if (draft.Status != OrganizationStatus.Active)
        {
            state.State = draft;
            return await WriteAsync(publishIndex: true);
        }

        var claimKey = OrganizationNames.ClaimKey(draft.RegisteringOffice, draft.Name);
        claimsInFlight.Add(claimKey);
        try
        {
            await grains.Get<IOrganizationNameGrain>(claimKey).ClaimAsync(Uscc);

            // A failed write keeps the claim; this grain's answer to HoldsNameAsync (from storage) decides whether it
            // still stands. The deadlines need nothing here: the index entry published after the write is what the
            // partition's sweep reads.
            state.State = draft;
            return await WriteAsync(publishIndex: true);
        }
        finally
        {
            claimsInFlight.Remove(claimKey);
        }
    }

    public Task<OrganizationDetails> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(OrganizationViews.Details(State));
    }

    public Task<IReadOnlyList<OrganizationEvent>> GetHistoryAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<OrganizationEvent>>(State.Events.ToList());
    }

    public async Task<OrganizationDetails> ChangeAsync(ChangeOrganization command)
    {
        EnsureExists();
        await ApplyDueDeadlinesAsync();
        var changes = Aggregate.CheckChange(command);
        var newName = changes.FirstOrDefault(c => c.Field == "name")?.To;
        var oldKey = Aggregate.NameClaimKey;
        var newKey = newName is null ? oldKey : OrganizationNames.ClaimKey(State.RegisteringOffice, newName);
        var claiming = newKey != oldKey;
        if (claiming)
        {
            claimsInFlight.Add(newKey);
            claimsInFlight.Add(oldKey);
        }

        try
        {
            if (claiming)
            {
                await grains.Get<IOrganizationNameGrain>(newKey).ClaimAsync(Uscc);
            }

            Aggregate.Change(changes, command.Reason, clock.Today, Stamp());
            await WriteAsync();
        }
        finally
        {
            claimsInFlight.Remove(newKey);
            claimsInFlight.Remove(oldKey);
        }

        if (claiming)
        {
            await ReleaseNameQuietlyAsync(oldKey);
        }

        await PublishIndexAsync();
        return OrganizationViews.Details(State);
    }

    public async Task<OrganizationDetails> DeregisterAsync(DeregisterOrganization command)
    {
        EnsureExists();
        await ApplyDueDeadlinesAsync();
        Aggregate.Deregister(command, clock.Today, Stamp());
        await WriteAsync();
        await EndedAsync();
        return OrganizationViews.Details(State);
    }

    public async Task<AnnualReportDetails> FileAnnualReportAsync(FileAnnualReport command)
    {
        EnsureExists();
        AnnualCycle.EnsureReportYear(command.Year);
        await ApplyDueDeadlinesAsync();
        var (report, late) = Aggregate.FileAnnualReport(command, clock.Today, Stamp());
        await WriteAsync(publishIndex: true);
        return OrganizationViews.Report(State, report);
    }

    public async Task<AnnualReportDraftDetails> SaveAnnualReportDraftAsync(SaveAnnualReportDraft command)
    {
        EnsureExists();
        await ApplyDueDeadlinesAsync();
        var draft = Aggregate.SaveAnnualReportDraft(command, clock.Today, Stamp());
        await WriteAsync();
        return draft;
    }

    public Task<AnnualReportDraftDetails> GetAnnualReportDraftAsync(int year)
    {
        EnsureExists();
        return Task.FromResult(Aggregate.AnnualReportDraft(year));
    }

    public async Task<AnnualReportDetails> CorrectAnnualReportAsync(CorrectAnnualReport command)
    {
        EnsureExists();
        await ApplyDueDeadlinesAsync();
        var report = Aggregate.CorrectAnnualReport(command, clock.Today, Stamp());
        await WriteAsync();
        return OrganizationViews.Report(State, report);
    }

    public Task<AnnualReportDetails> GetAnnualReportAsync(int year)
    {
        EnsureExists();
        return Task.FromResult(OrganizationViews.Report(State, Aggregate.AnnualReport(year)));
    }

    public Task<InspectionResult> RecordInspectionAsync(RecordInspection command) =>
        ListingCommandAsync(() => Aggregate.RecordInspection(command, clock.Today, Stamp()));

    public Task<ListEntry> RecordUnreachableAsync(RecordUnreachable command) =>
        ListingCommandAsync(() => Aggregate.RecordUnreachable(command, clock.Today, Stamp()));

    public Task<IReadOnlyList<ListEntry>> RemoveFromListAsync(RemoveFromList command) =>
        ListingCommandAsync(() => Aggregate.RemoveFromList(command, clock.Today, Stamp()));

    public async Task<GradeEvaluation> EvaluateGradeAsync(EvaluateGrade command)
    {
        EnsureExists();
        await ApplyDueDeadlinesAsync();
        var grade = Aggregate.EvaluateGrade(command, clock.Today, Stamp());
        await WriteAsync();
        return grade;
    }

    public async Task<Penalty> ImposePenaltyAsync(ImposePenalty command)
    {
        EnsureExists();
        await ApplyDueDeadlinesAsync();
        var penalty = Aggregate.ImposePenalty(command, clock.Today, Stamp());
        await WriteAsync();
        if (State.Status == OrganizationStatus.Revoked)
        {
            await EndedAsync();
        }
        else
        {
            await PublishIndexAsync();
        }

        return penalty;
    }

    public Task<ListEntry> ListAsSeriouslyDishonestAsync(ListAsSeriouslyDishonest command) =>
        ListingCommandAsync(() => Aggregate.ListAsSeriouslyDishonest(command, clock.Today, Stamp()));

    public async Task<IReadOnlyList<OrganizationEvent>> ApplyDeadlinesAsync()
    {
        EnsureExists();
        return await ApplyDueDeadlinesAsync();
    }

    public Task<bool> HoldsNameAsync(string claimKey) =>
        Task.FromResult(claimsInFlight.Contains(claimKey)
            || (Exists && State.Status == OrganizationStatus.Active
                && Aggregate.NameClaimKey == claimKey));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder)
        {
            return;
        }

        if (Exists)
        {
            await ApplyDueDeadlinesAsync();
        }

        await RetireOrReArmLegacyReminderAsync();
    }

    /// <summary>
    /// A registrar command that may change the organization's listings: due deadlines first (so the command sees the
    /// lists as they stand today), then the change, stored and published to the index the public lists come from.
    /// </summary>
    private async Task<T> ListingCommandAsync<T>(Func<T> change)
    {
        EnsureExists();
        await ApplyDueDeadlinesAsync();
        var result = change();
        await WriteAsync(publishIndex: true);
        return result;
    }

    /// <summary>Applies due deadlines and stores them as their own write, recorded as the system's.</summary>
    private async Task<IReadOnlyList<OrganizationEvent>> ApplyDueDeadlinesAsync()
    {
        var appliedThrough = State.DeadlinesAppliedThrough;
        var applied = Aggregate.ApplyDeadlines(clock.Today, new EventStamp(clock.Now, AuditScope.SystemActor));
        if (applied.Count == 0 && appliedThrough == State.DeadlinesAppliedThrough)
        {
            return applied;
        }

        // The history row names the system, not the user whose request happened to come first after the deadline.
        var actor = RequestContext.Get(AuditScope.ActorKey);
        RequestContext.Remove(AuditScope.ActorKey);
        try
        {
            await WriteAsync();
        }
        finally
        {
            if (actor is not null)
            {
                RequestContext.Set(AuditScope.ActorKey, actor);
            }
        }

        await PublishIndexAsync();
        return applied;
    }

    private static string Describe(OrganizationEvent e) =>
        string.Join(" ", new[]
            {
                ApiTerms.Value(e.Kind), e.List is { } list ? ApiTerms.Value(list) : null, e.Ground, e.Year?.ToString(),
                $"{e.Date:yyyy-MM-dd}",
            }
            .Where(part => part is not null));

    /// <summary>
    /// A tick of the reminder of an organization registered before the partition sweep: the reminder is removed
    /// when the record has no deadline left or once the index holds an entry the sweep reads (published by this
    /// activation); until then it is armed for the next deadline as before, so no deadline goes unwatched.
    /// </summary>
    private async Task RetireOrReArmLegacyReminderAsync()
    {
        var next = Exists ? Aggregate.NextDeadline() : null;
        if (next is null || published?.NextReportYear is not null)
        {
            await RemoveLegacyReminderAsync();
            return;
        }

        await DeadlineReminders.ArmAsync(this, DeadlineReminder, next.Value, clock);
    }

    private async Task RemoveLegacyReminderAsync()
    {
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Stores the state, then hands its figures to the statistics and, with <paramref name="publishIndex"/>, its entry
    /// to the index: both at once, since neither waits for the other, so a registration waits for one commit of the
    /// read models rather than two in a row. When both are stored, the outbox is told
    /// (<see cref="ReadModelPublication.PublishedAll"/>), so its relay does not ask this grain to publish the same
    /// write again; a write whose index entry goes later (or not) leaves the relay to ask, as before. True when the
    /// read models hold this write (its figures, and its index entry when published).
    /// </summary>
    private async Task<bool> WriteAsync(bool publishIndex = false)
    {
        State.Revision++;
        await state.WriteOrReloadAsync();
        if (!publication.Inline)
        {
            return false;
        }

        var figures = statistics.PublishAsync($"organization:{Uscc}", OrganizationStatistics.Of(State, windows));
        if (!publishIndex)
        {
            return await figures;
        }

        var entry = PublishIndexAsync();
        await Task.WhenAll(figures, entry);
        if (figures.Result && entry.Result)
        {
            publication.PublishedAll(StorageNames.Organization, this.GetGrainId());
            return true;
        }

        return false;
    }

    public async Task PublishAsync()
    {
        if (!Exists)
        {
            return;
        }

        // What this activation has stored in the index already (its inline publication after the write) is not sent
        // again: the relay would only find it there.
        var entry = OrganizationViews.IndexEntry(State);
        if (published is null || !SameContent(published, entry))
        {
            await UpsertIndexEntryAsync(entry);
        }

        await statistics.SendAsync($"organization:{Uscc}", OrganizationStatistics.Of(State, windows));

        // An imported record is entered once and rarely read soon after: when the relay's call for its import write
        // came after the import had let the activation go (the relay claimed the row before it was told the import
        // published it), the call made a fresh activation, which goes again now instead of after the collection age.
        if (Aggregate.WasImported)
        {
            DeactivateOnIdle();
        }
    }

    /// <summary>The fast path after a write: the index entry when it changed; a failure is retried by a timer (and
    /// by the outbox relay). True when the index holds the current entry.</summary>
    private async Task<bool> PublishIndexAsync()
    {
        var entry = OrganizationViews.IndexEntry(State);
        if (!publication.Inline)
        {
            return false;
        }

        if (published is not null && SameContent(published, entry))
        {
            return true;
        }

        try
        {
            await UpsertIndexEntryAsync(entry);
            publishRetry?.Dispose();
            publishRetry = null;
            return true;
        }
        catch (Exception e) when (e is not DomainException)
        {
            // The record is committed; the index catches up when this retry succeeds or the outbox relay publishes.
            logger.LogWarning(e, "Index update for organization {Uscc} failed; retrying", Uscc);
            DelayDeactivation(TimeSpan.FromHours(1));
            publishRetry ??= this.RegisterGrainTimer(PublishIndexAsync, PublishRetryPeriod, PublishRetryPeriod);
            return false;
        }
    }

    private async Task UpsertIndexEntryAsync(OrganizationIndexEntry entry)
    {
        await index.UpsertAsync(entry);
        published = entry;
    }

    private static bool SameContent(OrganizationIndexEntry a, OrganizationIndexEntry b) =>
        a with { Revision = 0, Listings = [] } == b with { Revision = 0, Listings = [] }
        && a.Listings.SequenceEqual(b.Listings);

    private async Task ReleaseNameQuietlyAsync(string claimKey)
    {
        try
        {
            await grains.Get<IOrganizationNameGrain>(claimKey).ReleaseAsync(Uscc);
        }
        catch (Exception e) when (e is not DomainException)
        {
            // Harmless: the next claimant asks this grain, which no longer holds the name.
            logger.LogWarning(e, "Releasing name claim {ClaimKey} of {Uscc} failed", claimKey, Uscc);
        }
    }

    /// <summary>
    /// The office (which the pure rules have checked positions 3-8 of the code name) must be a division in force on
    /// the registration date: today for a registration, the register's date for an imported record.
    /// </summary>
    private Task EnsureOfficeInForceAsync(string office, DateOnly registeredOn) =>
        grains.EnsureDivisionInForceAsync(office, registeredOn, "registering-office", "Registering office");

    /// <summary>After deregistration or revocation: the name is freed, the entry published (the sweep skips an
    /// organization no longer active), a reminder of its own from before the sweep removed.</summary>
    private async Task EndedAsync()
    {
        await ReleaseNameQuietlyAsync(Aggregate.NameClaimKey);
        await PublishIndexAsync();
        await RemoveLegacyReminderAsync();
    }

    private EventStamp Stamp() => new(clock.Now, AuditScope.Actor);

    /// <summary>A registration or imported row names the code of the record it was sent to: an invariant of the
    /// grain's key, checked here rather than as a rule of the record.</summary>
    private void EnsureSentHere(string uscc, string what)
    {
        if (uscc != Uscc)
        {
            throw DomainException.Invalid("uscc-key-mismatch", "uscc",
                $"{what} is for {uscc} but was sent to the record of {Uscc}.");
        }
    }

    /// <summary>A new registration or an imported row of a code this registry holds already (an imported row again is
    /// not one: the import answers that it is stored).</summary>
    private DomainException AlreadyRegistered() =>
        DomainException.Conflict("organization-already-registered",
            $"An organization with code {Uscc} was registered on {State.RegisteredOn:yyyy-MM-dd}" +
            (Aggregate.WasImported ? " (imported from the existing register)." : " through the registry."));

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw DomainException.NotFound("organization-not-found", $"No organization with code {Uscc} is registered.");
        }
    }
}
