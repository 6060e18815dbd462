using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>A division found by name: the name that matched (<c>exact</c> when equal to the query,
/// <c>formerName</c> when it is not the name on <c>asOf</c>), the division as of <c>asOf</c>, and all its names.</summary>
public sealed record DivisionSearchResultResponse(
    string Code,
    string MatchedName,
    bool Exact,
    bool FormerName,
    DateOnly AsOf,
    DivisionSummaryResponse Division,
    IReadOnlyList<DivisionNameResponse> Names)
{
    public const int MaxQueryLength = 50;

    public static DivisionSearchResultResponse From(DivisionNameMatch match, DivisionSummary summary, DateOnly asOf) =>
        new(match.Code, match.MatchedName, match.Exact,
            summary.Status != DivisionStatus.InForce || summary.Name != match.MatchedName, asOf,
            DivisionSummaryResponse.From(summary), match.Names.Select(DivisionNameResponse.FromPeriod).ToList());
}
