namespace Registry.Abstractions.Divisions;

/// <summary>Whether a division exists on the date asked about.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionStatus")]
public enum DivisionStatus
{
    InForce = 0,

    /// <summary>The asked date is before the division was established (or before the code first appears in an
    /// official edition, the registry knowing the code's absence from an earlier one).</summary>
    NotYetEstablished = 1,

    /// <summary>Abolished on or before the asked date.</summary>
    Abolished = 2,

    /// <summary>Merged into its successor on or before the asked date.</summary>
    Merged = 3,

    /// <summary>Nothing is known about the code on the asked date: it is before the earliest official edition and
    /// before any recorded change of this code.</summary>
    Unknown = 4,

    /// <summary>No longer in the official edition of the asked date; how it ended (merger, abolition, new code) is not
    /// recorded.</summary>
    NoLongerListed = 5,

    /// <summary>Replaced by a new code (e.g. a county becoming a district) on or before the asked date.</summary>
    Recoded = 6,

    /// <summary>Split into several divisions on or before the asked date.</summary>
    Split = 7,
}
