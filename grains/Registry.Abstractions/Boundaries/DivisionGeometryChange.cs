namespace Registry.Abstractions.Boundaries;

/// <summary>The outcome of <see cref="IDivisionGeometryGrain.SetAsync"/>: what changed and which version now
/// holds the geometry.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.DivisionGeometryChange")]
public sealed record DivisionGeometryChange(
    [property: Id(0)] RecordChange Change,
    [property: Id(1)] int Version,
    [property: Id(2)] DateOnly? EffectiveDate);
