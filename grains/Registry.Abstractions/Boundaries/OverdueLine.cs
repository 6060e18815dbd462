namespace Registry.Abstractions.Boundaries;

/// <summary>A line due for joint inspection: its last completed inspection (null: never inspected).</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.OverdueLine")]
public sealed record OverdueLine(
    [property: Id(0)] string Number,
    [property: Id(1)] string DivisionA,
    [property: Id(2)] string DivisionB,
    [property: Id(3)] DateOnly? LastCompletedInspection,
    [property: Id(4)] string? LastInspectionId);
