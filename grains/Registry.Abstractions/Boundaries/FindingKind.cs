namespace Registry.Abstractions.Boundaries;

/// <summary>What a joint inspection found at a marker.</summary>
[GenerateSerializer, Alias("Registry.Boundaries.FindingKind")]
public enum FindingKind
{
    Intact = 0,
    Damaged = 1,

    /// <summary>Standing away from its registered position; the surveyed position is recorded.</summary>
    Displaced = 2,
    Lost = 3,
}
