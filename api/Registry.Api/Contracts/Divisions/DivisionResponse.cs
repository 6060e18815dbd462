using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>
/// A division as of <c>asOf</c>: the name then in force, its parent chain (nearest first, up to the province) and
/// every name it has had. <c>validTo</c> is the first day it no longer exists; <c>successorCode</c> is set after a
/// merge.
/// </summary>
public sealed record DivisionResponse(
    string Code,
    string Name,
    DivisionLevel Level,
    DivisionStatus Status,
    DateOnly AsOf,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? SuccessorCode,
    IReadOnlyList<DivisionSummaryResponse> ParentChain,
    IReadOnlyList<DivisionNameResponse> Names)
{
    public static DivisionResponse From(DivisionDetails details) =>
        new(details.Code, details.Name, details.Level, details.Status, details.AsOf, details.ValidFrom,
            details.ValidTo, details.SuccessorCode,
            details.ParentChain.Select(DivisionSummaryResponse.From).ToList(),
            details.Names.Select(DivisionNameResponse.FromPeriod).ToList());
}
