using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>A division as of the asked date, with its parent code then.</summary>
public sealed record DivisionSummaryResponse(string Code, string Name, DivisionLevel Level, DivisionStatus Status,
    string? ParentCode)
{
    public static DivisionSummaryResponse From(DivisionSummary summary) =>
        new(summary.Code, summary.Name, summary.Level, summary.Status, summary.ParentCode);
}
