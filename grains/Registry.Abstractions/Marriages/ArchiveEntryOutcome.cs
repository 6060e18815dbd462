namespace Registry.Abstractions.Marriages;

/// <summary>What became of one entry of an archive batch (<see cref="IArchiveImportGrain"/>): its result, and for a
/// refusal the rule and message (empty otherwise).</summary>
[GenerateSerializer, Alias("Registry.Marriages.ArchiveEntryOutcome")]
public sealed record ArchiveEntryOutcome(
    [property: Id(0)] ArchiveEntryResult Result,
    [property: Id(1)] string Rule,
    [property: Id(2)] string Message)
{
    public static ArchiveEntryOutcome Stored { get; } = new(ArchiveEntryResult.Stored, "", "");

    public static ArchiveEntryOutcome Deferred { get; } = new(ArchiveEntryResult.Deferred, "", "");
}
