namespace Registry.Abstractions.Divisions;

/// <summary>A version of the division history (<see cref="IDivisionHistoryVersionGrain"/>): equal versions mean no
/// change was recorded between them. <see cref="Epoch"/> names the activation that counts
/// <see cref="Changes"/>.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Divisions.DivisionHistoryVersion")]
public sealed record DivisionHistoryVersion(
    [property: Id(0)] Guid Epoch,
    [property: Id(1)] long Changes);
