namespace Registry.Abstractions.Boundaries;

/// <summary>One joint inspection of a line as the line records it.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.InspectionSummary")]
public sealed record InspectionSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] int Year,
    [property: Id(2)] InspectionStatus Status,
    [property: Id(3)] DateOnly OpenedOn,
    [property: Id(4)] DateOnly? CompletedOn);
