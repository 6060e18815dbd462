namespace Registry.Abstractions.Marriages;

/// <summary>
/// One partition of an office's register for one day, a read model keyed <c>{office}/{yyyy-MM-dd}/{n}</c>
/// (<see cref="OfficeDayEntry.KeyOf"/>; <see cref="OfficeDayEntry.PartitionsPerDay"/> per office and day, chosen by
/// record): the registrations, divorce registrations, archive entries and certificate replacements of that office on
/// that day, and the divorce applications whose window to appear opens that day. A partition that fills (an archive
/// imported in a day) splits into children of its own kind and answers with theirs. Fed by the marriage records after
/// each committed write (inline, and by the outbox relay until published), so a day's register is read from its
/// partitions and never by scanning the records.
/// </summary>
[Alias("Registry.Marriages.IOfficeRegisterGrain")]
public interface IOfficeRegisterGrain : IGrainWithStringKey
{
    /// <summary>Replaces what record <paramref name="recordKey"/> contributes to this partition with
    /// <paramref name="entries"/>; stores only a change. Idempotent.</summary>
    Task ApplyAsync(string recordKey, IReadOnlyList<OfficeDayEntry> entries);

    /// <summary>Replaces what each record of <paramref name="byRecord"/> contributes to this partition, as
    /// <see cref="ApplyAsync"/> does for one, in one write (none when nothing changes): a bulk publication's call.
    /// Idempotent. The partition then lets go of its activation (a bulk publication does not come back to it soon;
    /// the next call reads it again).</summary>
    Task ApplyManyAsync(IReadOnlyDictionary<string, List<OfficeDayEntry>> byRecord);

    /// <summary>Sets this child partition to exactly <paramref name="byRecord"/>, what its parent hands it as the parent
    /// splits (none: it holds nothing), whatever it held before (only a split cut short leaves anything in a child of
    /// an unsplit partition). Idempotent.</summary>
    Task SetFromSplitAsync(IReadOnlyDictionary<string, List<OfficeDayEntry>> byRecord);

    /// <summary>Every entry of the partition.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<OfficeDayEntry>> GetEntriesAsync();
}
