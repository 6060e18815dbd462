namespace Registry.Abstractions.Boundaries;

/// <summary>A marker's condition as last found by a completed joint inspection (or restored by a repair).</summary>
[GenerateSerializer, Alias("Registry.Boundaries.MarkerCondition")]
public enum MarkerCondition
{
    Intact = 0,
    Damaged = 1,

    /// <summary>Found away from its registered position. The registered position (and the line) do not move.</summary>
    Displaced = 2,
    Lost = 3,
}
