using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>
/// A division as of <c>asOf</c>: the name then in force, its parent chain (nearest first, up to the province) and
/// every name it has had. <c>validTo</c> is the first day it no longer exists; <c>successors</c> are set after a merge,
/// split or new code. <c>knownFrom</c> is the earliest date the registry knows about; <c>pendingChange</c> says the
/// answer may be out of date on <c>asOf</c> (two editions differ and the day is unknown), <c>changedBetween</c> that the
/// state answered began some day in that interval. <c>note</c> says the same in words.
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
    IReadOnlyList<string> Successors,
    IReadOnlyList<DivisionSummaryResponse> ParentChain,
    IReadOnlyList<DivisionNameResponse> Names,
    DateOnly? KnownFrom,
    DivisionUncertaintyResponse? PendingChange,
    DivisionUncertaintyResponse? ChangedBetween,
    string? Note)
{
    public static DivisionResponse From(DivisionDetails details) =>
        new(details.Code, details.Name, details.Level, details.Status, details.AsOf, details.ValidFrom,
            details.ValidTo, details.SuccessorCode, details.Successors ?? [],
            details.ParentChain.Select(DivisionSummaryResponse.From).ToList(),
            details.Names.Select(DivisionNameResponse.FromPeriod).ToList(), details.KnownFrom,
            DivisionUncertaintyResponse.From(details.PendingChange),
            DivisionUncertaintyResponse.From(details.ChangedBetween), NoteOf(details));

    private static string? NoteOf(DivisionDetails d) => d switch
    {
        { Status: DivisionStatus.Unknown } =>
            $"Nothing is known about {d.Code} on {d.AsOf:yyyy-MM-dd}: the registry's records of it begin {d.KnownFrom:yyyy-MM-dd}.",
        { PendingChange: { } p } =>
            $"Between {p.After:yyyy-MM-dd} and {p.By:yyyy-MM-dd} this division changed ({p.Description}); the exact day is not recorded, so on {d.AsOf:yyyy-MM-dd} it may already have changed.",
        { ChangedBetween: { } c } =>
            $"This state began some day after {c.After:yyyy-MM-dd} and on or before {c.By:yyyy-MM-dd} ({c.Description}); the exact day is not recorded.",
        _ => null,
    };
}
