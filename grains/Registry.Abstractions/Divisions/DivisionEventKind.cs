namespace Registry.Abstractions.Divisions;

/// <summary>What happened to a division.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionEventKind")]
public enum DivisionEventKind
{
    /// <summary>Listed in an official edition (the first one the registry holds, or again after an absence).</summary>
    Recorded = 0,
    Renamed = 1,

    /// <summary>This division was merged into another (its successor).</summary>
    MergedInto = 2,

    /// <summary>Another division was merged into this one.</summary>
    Absorbed = 3,
    Abolished = 4,

    /// <summary>This division was placed under a new parent (a transfer, or after its parent merged or was
    /// re-coded).</summary>
    Reparented = 5,

    /// <summary>Established by an approval.</summary>
    Established = 6,

    /// <summary>This code ended and <see cref="DivisionEvent.RelatedCode"/> replaced it.</summary>
    Recoded = 7,

    /// <summary>This division was split; <see cref="DivisionEvent.RelatedCodes"/> are the successors.</summary>
    SplitInto = 8,

    /// <summary>No longer in an official edition (how it ended is not recorded).</summary>
    NoLongerListed = 9,
}
