using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Marriages;

/// <summary>
/// Enters a batch of archive records (补录) at once: the bulk path of the archive import. Each entry is checked by
/// the same rules as <see cref="IMarriageGrain.EnterFromArchiveAsync"/> and either stored, refused (its rule and
/// message), or left to that per-record path (<see cref="ArchiveEntryResult.Deferred"/>: an entry naming a person
/// who already has a record, a person or number named by an earlier entry of the batch, or one whose record was
/// meanwhile touched by someone else). Stateless (key 0); idempotent per entry like the per-record path: an entry
/// already stored answers <see cref="ArchiveEntryResult.Stored"/> again. Returns once every stored entry is durable;
/// a storage failure fails the call (entries stored before it stay stored).
/// </summary>
[Alias("Registry.Marriages.IArchiveImportGrain")]
public interface IArchiveImportGrain : IGrainWithIntegerKey
{
    /// <summary>The outcome of each entry, in the order given.</summary>
    Task<IReadOnlyList<ArchiveEntryOutcome>> EnterBatchAsync(IReadOnlyList<EnterArchivedMarriage> entries);
}
