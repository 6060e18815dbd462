using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>A division as of the asked date.</summary>
public sealed record DivisionSummaryResponse(string Code, string Name, DivisionLevel Level, DivisionStatus Status)
{
    public static DivisionSummaryResponse From(DivisionSummary summary) =>
        new(summary.Code, summary.Name, summary.Level, summary.Status);
}
