namespace Registry.Abstractions.Divisions;

/// <summary>What happened to a division.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionEventKind")]
public enum DivisionEventKind
{
    /// <summary>Entered from an official code list.</summary>
    Recorded = 0,
    Renamed = 1,

    /// <summary>This division was merged into another (its successor).</summary>
    MergedInto = 2,

    /// <summary>Another division was merged into this one.</summary>
    Absorbed = 3,
    Abolished = 4,

    /// <summary>This division was placed under a new parent (e.g. after its parent merged).</summary>
    Reparented = 5,
}
