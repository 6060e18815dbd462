using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>A line due for joint inspection and its last completed inspection (null: never inspected).</summary>
public sealed record OverdueLineResponse(string Line, string DivisionA, string DivisionB,
    DateOnly? LastCompletedInspection, string? LastInspection)
{
    public static OverdueLineResponse From(OverdueLine o) =>
        new(o.Number, o.DivisionA, o.DivisionB, o.LastCompletedInspection, o.LastInspectionId);
}
