namespace Registry.Abstractions.Boundaries;

/// <summary>Internal: what a line tells a new inspection: the line, year, sequence, the two sides and the markers to
/// inspect.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.InspectionOpening")]
public sealed record InspectionOpening(
    [property: Id(0)] string LineNumber,
    [property: Id(1)] int Year,
    [property: Id(2)] int Sequence,
    [property: Id(3)] IReadOnlyList<string> Sides,
    [property: Id(4)] IReadOnlyList<InspectedMarker> Markers,
    [property: Id(5)] DateOnly OpenedOn,
    [property: Id(6)] string Reason);
