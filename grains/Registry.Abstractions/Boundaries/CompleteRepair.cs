namespace Registry.Abstractions.Boundaries;

/// <summary>A repair of a marker found damaged, displaced (restored to its registered position) or lost (replaced)
/// was finished on <see cref="CompletedOn"/>.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.CompleteRepair")]
public sealed record CompleteRepair(
    [property: Id(0)] string MarkerNumber,
    [property: Id(1)] DateOnly CompletedOn,
    [property: Id(2)] string Note);
