using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Time;
using Registry.Grains.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Storage;

namespace Registry.Grains.Marriages;

/// <summary>
/// The bulk path of the archive import; see <see cref="IArchiveImportGrain"/>. It runs the per-record path
/// (<see cref="MarriageGrain.EnterFromArchiveAsync"/>) for a whole batch at once, step by step over every entry, so that
/// each step's writes share group commits and no grain is activated per entry: the rules are checked (the same
/// <see cref="MarriageRules"/> and <see cref="Marriage"/> methods), the entries already stored answered from storage,
/// the offices checked once per office and date, the numbers claimed (<see cref="CertificateIndexEntries"/>), both
/// persons held, and the records stored.
/// </summary>
/// <remarks>
/// <para>
/// Only persons with no stored record are taken here, and holding them is an insert that expects no record (a stored
/// pending link, exactly what <see cref="PersonGrain.StoreHoldAsync"/> stores): a person who has a record (earlier
/// marriages, a linked document, a registration holding them) makes the insert fail and the entry is
/// <see cref="ArchiveEntryResult.Deferred"/> to the per-record path, where the person grain decides as always. For a
/// person with no record the person grain's rules have nothing to refuse (no marriage to overlap, no death), and the
/// prior status of each party is "no earlier record". A person grain active with nothing stored either holds a
/// registration in memory, whose own insert then fails on this one (never-twice holds: one of the two commits), or
/// reads the record again before answering (<c>PersonGrain.ReadAgainWhileNotStoredAsync</c>).
/// </para>
/// <para>
/// The record's insert is the commit point, as in the per-record path: a crash or a failure after the holds leaves
/// pending links that their person grains resolve with the record's grain (<see cref="IMarriageGrain.GetRegistrationOutcomeAsync"/>),
/// which stores an abort for a record that was never stored, so a late insert fails and the entry is deferred. The
/// record's write adds its outbox row, so statistics, the office's register and the name index get it through the
/// relay. Entries of one batch never share a person or a number: an entry naming one an earlier entry named is
/// deferred, so the per-record path enters it after the batch, in the file's order.
/// </para>
/// </remarks>
[StatelessWorker]
public sealed class ArchiveImportGrain(BureauClock clock, IGrainFactory grains, ReadModelPublication publication)
    : Grain, IArchiveImportGrain
{
    public async Task<IReadOnlyList<ArchiveEntryOutcome>> EnterBatchAsync(IReadOnlyList<EnterArchivedMarriage> entries)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Provider);
        var outcomes = new ArchiveEntryOutcome[entries.Count];
        var batch = Check(entries, outcomes);

        batch = await WhereNotStoredAsync(storage, batch, outcomes);
        batch = await WhereOfficesInForceAsync(batch, outcomes);
        batch = await WhereNumbersClaimedAsync(batch, outcomes);
        batch = await WherePersonsHeldAsync(storage, batch, outcomes);
        await StoreRecordsAsync(storage, publication, batch, outcomes);
        return outcomes;
    }

    /// <summary>The entries the rules accept, each with its record as the per-record path would store it; the others
    /// refused. An entry naming a person or number that an earlier one names is deferred.</summary>
    private List<Entry> Check(IReadOnlyList<EnterArchivedMarriage> entries, ArchiveEntryOutcome[] outcomes)
    {
        var today = clock.Today;
        var now = clock.Now;
        var named = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<Entry>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var command = entries[i];
            try
            {
                var (a, b) = MarriageRules.ParseArchiveEntry(command, today);
                var end = MarriageRules.ParseArchivedEnd(command, a, b, today);
                var number = command.CertificateNumber.Trim();
                var id = command.RecordId();
                List<string> keys = [a.Number, b.Number, "#" + command.CertificateKey()];
                if (end is { Kind: ArchivedEndKind.DivorceRegistration })
                {
                    keys.Add("#" + end.CertificateKey());
                }

                var repeated = keys.Count(key => !named.Add(key)) > 0 || a.Number == b.Number;
                if (repeated)
                {
                    outcomes[i] = ArchiveEntryOutcome.Deferred;
                    continue;
                }

                var record = new MarriageState { Id = id };
                var entry = new Marriage(record, now, today, AuditScope.Actor);
                entry.EnterFromArchive(command, a, b, end);
                entry.RecordPriorStatus([], []);
                batch.Add(new Entry(i, command, id, number, a, b, end, record));
            }
            catch (DomainException refused)
            {
                outcomes[i] = Refused(refused);
            }
        }

        return batch;
    }

    /// <summary>Answers the entries already stored (idempotent, or <c>archive-record-differs</c>); an entry whose id
    /// holds an aborted attempt goes to the per-record path.</summary>
    private async Task<List<Entry>> WhereNotStoredAsync(IGrainStorage storage, List<Entry> batch,
        ArchiveEntryOutcome[] outcomes)
    {
        var stored = await Task.WhenAll(batch.Select(entry =>
            storage.ReadStoredAsync<MarriageState>(StorageNames.Marriage, MarriageGrainId(entry.Id))));
        var left = new List<Entry>(batch.Count);
        foreach (var (entry, record) in batch.Zip(stored))
        {
            if (!record.RecordExists)
            {
                left.Add(entry);
            }
            else if (record.State?.Record != MarriageRecordStatus.Registered)
            {
                outcomes[entry.Index] = ArchiveEntryOutcome.Deferred;
            }
            else
            {
                var holds = new Marriage(record.State!, clock.Now, clock.Today, AuditScope.Actor)
                    .HoldsArchiveEntry(entry.Command, entry.A, entry.B, entry.End);
                outcomes[entry.Index] = holds
                    ? ArchiveEntryOutcome.Stored
                    : Refused(MarriageRules.ArchiveRecordDiffers(entry.Number));
            }
        }

        return left;
    }

    /// <summary>The offices as they were on the entries' dates (and the divorce registration's office on its day),
    /// each office and date asked once.</summary>
    private async Task<List<Entry>> WhereOfficesInForceAsync(List<Entry> batch, ArchiveEntryOutcome[] outcomes)
    {
        var checks = new Dictionary<(string Office, DateOnly On), Task<DomainException?>>();
        foreach (var entry in batch)
        {
            foreach (var office in OfficesOf(entry))
            {
                if (!checks.ContainsKey(office))
                {
                    checks[office] = RefusalOfAsync(RegistryDivisions.EnsureArchiveOfficeAsync(grains,
                        office.Office, office.On));
                }
            }
        }

        await Task.WhenAll(checks.Values);
        var left = new List<Entry>(batch.Count);
        foreach (var entry in batch)
        {
            // The registering office first, then the divorce's, as the per-record path checks them.
            if (OfficesOf(entry).Select(office => checks[office].Result).OfType<DomainException>().FirstOrDefault()
                is { } refused)
            {
                outcomes[entry.Index] = Refused(refused);
            }
            else
            {
                left.Add(entry);
            }
        }

        return left;

        static IEnumerable<(string Office, DateOnly On)> OfficesOf(Entry entry)
        {
            yield return (entry.Command.Office, entry.Command.RegisteredOn);
            if (entry.End is { Kind: ArchivedEndKind.DivorceRegistration } end)
            {
                yield return (end.Authority, end.EndedOn);
            }
        }
    }

    /// <summary>Claims each entry's certificate numbers (a number another record holds refuses the entry before
    /// anyone is held, as in the per-record path).</summary>
    private async Task<List<Entry>> WhereNumbersClaimedAsync(List<Entry> batch, ArchiveEntryOutcome[] outcomes)
    {
        var claims = await Task.WhenAll(batch.Select(entry => RefusalOfAsync(ClaimAsync(entry))));
        var left = new List<Entry>(batch.Count);
        foreach (var (entry, refused) in batch.Zip(claims))
        {
            if (refused is null)
            {
                left.Add(entry);
            }
            else
            {
                outcomes[entry.Index] = Refused(refused);
            }
        }

        return left;

        async Task ClaimAsync(Entry entry)
        {
            await CertificateIndexEntries.RecordAsync(ServiceProvider, entry.Command.CertificateKey(), entry.Id);
            if (entry.End is { Kind: ArchivedEndKind.DivorceRegistration } end)
            {
                await CertificateIndexEntries.RecordAsync(ServiceProvider, end.CertificateKey(), entry.Id);
            }
        }
    }

    /// <summary>Holds both persons of each entry by storing their first record with the entry's pending link; an
    /// entry with a person who has a record already is deferred.</summary>
    private static async Task<List<Entry>> WherePersonsHeldAsync(IGrainStorage storage, List<Entry> batch,
        ArchiveEntryOutcome[] outcomes)
    {
        var held = await Task.WhenAll(batch.Select(async entry =>
        {
            var both = await Task.WhenAll(HoldAsync(entry.A.Number, entry.Id), HoldAsync(entry.B.Number, entry.Id));
            return both[0] && both[1];
        }));
        var left = new List<Entry>(batch.Count);
        foreach (var (entry, ok) in batch.Zip(held))
        {
            if (ok)
            {
                left.Add(entry);
            }
            else
            {
                // A person held here and the other not: the per-record path takes over that stored hold (it is this
                // record's), or the person grain finds the record never stored and drops it.
                outcomes[entry.Index] = ArchiveEntryOutcome.Deferred;
            }
        }

        return left;

        async Task<bool> HoldAsync(string person, string marriageId)
        {
            var record = new PersonState();
            record.AddHold(person, marriageId);
            return await InsertAsync(storage, StorageNames.Person,
                GrainId.Create(StorageNames.PersonGrainType, person), record);
        }
    }

    /// <summary>Stores the records: the commit point of each entry. Each is marked as stored without its grain
    /// first, so the outbox relay publishes the batch's records together (<see cref="MarriageBulkPublisher"/>).</summary>
    private static async Task StoreRecordsAsync(IGrainStorage storage, ReadModelPublication publication,
        List<Entry> batch, ArchiveEntryOutcome[] outcomes)
    {
        var stored = await Task.WhenAll(batch.Select(async entry =>
        {
            var id = MarriageGrainId(entry.Id);
            publication.StoredWithoutGrain(id.ToString());
            var inserted = false;
            try
            {
                inserted = await InsertAsync(storage, StorageNames.Marriage, id, entry.Record);
                return inserted;
            }
            finally
            {
                if (!inserted)
                {
                    publication.Forget(id.ToString()); // not stored after all (refused or failed)
                }
            }
        }));
        foreach (var (entry, ok) in batch.Zip(stored))
        {
            // Not stored: a person grain met the hold meanwhile and stored an abort under this id.
            outcomes[entry.Index] = ok ? ArchiveEntryOutcome.Stored : ArchiveEntryOutcome.Deferred;
        }
    }

    /// <summary>Stores <paramref name="state"/> where nothing is stored under the key; false when something is.
    /// A storage failure throws.</summary>
    private static async Task<bool> InsertAsync<T>(IGrainStorage storage, string stateName, GrainId id, T state)
    {
        try
        {
            await storage.WriteStateAsync(stateName, id, new GrainState<T>(state));
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private static GrainId MarriageGrainId(string id) => GrainId.Create(StorageNames.MarriageGrainType, id);

    private static async Task<DomainException?> RefusalOfAsync(Task check)
    {
        try
        {
            await check;
            return null;
        }
        catch (DomainException refused)
        {
            return refused;
        }
    }

    private static ArchiveEntryOutcome Refused(DomainException refused) =>
        new(ArchiveEntryResult.Rejected, refused.Rule, refused.Message);

    private sealed record Entry(int Index, EnterArchivedMarriage Command, string Id, string Number, PartyIdentity A,
        PartyIdentity B, ArchivedEnd? End, MarriageState Record);
}
