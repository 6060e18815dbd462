namespace Registry.Abstractions.Marriages;

/// <summary>The result of one entry of an archive batch.</summary>
[GenerateSerializer, Alias("Registry.Marriages.ArchiveEntryResult")]
public enum ArchiveEntryResult
{
    /// <summary>The record is stored (now or by an earlier import of the same entry).</summary>
    Stored = 0,

    /// <summary>Refused by a rule; nothing of it is stored.</summary>
    Rejected = 1,

    /// <summary>Left to the per-record path (<see cref="IMarriageGrain.EnterFromArchiveAsync"/>).</summary>
    Deferred = 2,
}
