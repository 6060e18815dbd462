namespace Registry.Abstractions.Places;

/// <summary>What entering one name in force did: <see cref="AlreadyStored"/> when a re-run found it stored with the
/// same particulars; <see cref="Flags"/> names the current names it duplicates or sounds like (recorded all the same).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameRecordOutcome")]
public sealed record PlaceNameRecordOutcome(
    [property: Id(0)] string Id,
    [property: Id(1)] bool AlreadyStored,
    [property: Id(2)] IReadOnlyList<string> Flags)
{
    /// <summary>The classes of its characters outside the standard (<see cref="PlaceNameDetails.CharacterFlags"/>),
    /// each with its characters as written (<c>full-width-parentheses （）</c>); empty for a standard name.</summary>
    [Id(3)]
    public IReadOnlyList<string> CharacterFlags { get; init; } = [];
}
