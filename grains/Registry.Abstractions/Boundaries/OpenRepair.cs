namespace Registry.Abstractions.Boundaries;

/// <summary>A marker repair not done yet: the inspection that found it, the line, the marker, what was found and
/// since when (the day the inspection completed).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.OpenRepair")]
public sealed record OpenRepair(
    [property: Id(0)] string InspectionId,
    [property: Id(1)] string LineNumber,
    [property: Id(2)] string MarkerNumber,
    [property: Id(3)] FindingKind Finding,
    [property: Id(4)] DateOnly Since);
