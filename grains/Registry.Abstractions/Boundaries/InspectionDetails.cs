namespace Registry.Abstractions.Boundaries;

/// <summary>A joint inspection: the line and its two sides, the markers to inspect, findings, signatures and
/// repairs. Completed on the day the second side signed.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.InspectionDetails")]
public sealed record InspectionDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string LineNumber,
    [property: Id(2)] int Year,
    [property: Id(3)] InspectionStatus Status,
    [property: Id(4)] IReadOnlyList<string> Sides,
    [property: Id(5)] IReadOnlyList<InspectedMarker> Markers,
    [property: Id(6)] IReadOnlyList<InspectionFinding> Findings,
    [property: Id(7)] IReadOnlyList<InspectionSignature> Signatures,
    [property: Id(8)] IReadOnlyList<MarkerRepair> Repairs,
    [property: Id(9)] DateOnly OpenedOn,
    [property: Id(10)] DateOnly? CompletedOn,
    [property: Id(11)] string Reason);
