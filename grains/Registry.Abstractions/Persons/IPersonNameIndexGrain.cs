namespace Registry.Abstractions.Persons;

/// <summary>
/// One partition of the person-name index, keyed by a normalised name (<see cref="PersonNameEntry.KeyOf"/>) and one of
/// its <see cref="PersonNameEntry.PartitionsPerName"/> shares of documents by page key
/// (<see cref="PersonNameEntry.ShareOf"/>): the parties a marriage record names by it,
/// with their documents. A read model fed by the marriage records after each committed write (inline, and by the
/// outbox relay until published), so a search by name reads that name's partitions and never scans the records. Names once recorded stay (a corrected name adds the new one), so a former name finds
/// the person too.
/// </summary>
[Alias("Registry.Persons.IPersonNameIndexGrain")]
public interface IPersonNameIndexGrain : IGrainWithStringKey
{
    /// <summary>Replaces what record <paramref name="recordKey"/> contributes to this partition; stores only a
    /// change. Idempotent.</summary>
    Task ApplyAsync(string recordKey, IReadOnlyList<PersonNameEntry> entries);

    /// <summary>Replaces what each record of <paramref name="byRecord"/> contributes to this partition, as
    /// <see cref="ApplyAsync"/> does for one, in one write (none when nothing changes): a bulk publication's call.
    /// Idempotent. The partition then lets go of its activation (a bulk publication
    /// does not come back to it soon; the next call reads it again).</summary>
    Task ApplyManyAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord);

    /// <summary>Sets this child partition to exactly <paramref name="byRecord"/>, what its parent hands it as the parent
    /// splits (none: it holds nothing), whatever it held before (only a split cut short leaves anything in a child of
    /// an unsplit partition). Idempotent.</summary>
    Task SetFromSplitAsync(IReadOnlyDictionary<string, List<PersonNameEntry>> byRecord);

    /// <summary>Every entry of the partition.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<PersonNameEntry>> GetEntriesAsync();
}
