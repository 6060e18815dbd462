namespace Registry.Abstractions.Divisions;

/// <summary>A recorded change: its operation id (the change grain's key) and the history entry written on each
/// division it touched.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionChangeResult")]
public sealed record DivisionChangeResult(
    [property: Id(0)] string OperationId,
    [property: Id(1)] DivisionChange Change,
    [property: Id(2)] IReadOnlyList<DivisionEvent> Events);
