namespace Registry.Abstractions.Divisions;

/// <summary>
/// A division as of <see cref="AsOf"/>: the name then in force, its parent chain (nearest first, up to the province)
/// and every name it has had. <see cref="ValidFrom"/> null means in force since before the registry's records;
/// <see cref="ValidTo"/> is the first day it no longer exists (the later edition's cut-off when only editions say so).
/// <see cref="KnownFrom"/> is the earliest date the registry knows anything about the code.
/// <see cref="PendingChange"/> is set when <see cref="AsOf"/> lies between two editions that differ for this code, so
/// the answer may already be out of date on that day; <see cref="ChangedBetween"/> when the state answered came from
/// such a change (it happened some day in that interval).
/// </summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionDetails")]
public sealed record DivisionDetails(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] DivisionLevel Level,
    [property: Id(3)] DivisionStatus Status,
    [property: Id(4)] DateOnly AsOf,
    [property: Id(5)] DateOnly? ValidFrom,
    [property: Id(6)] DateOnly? ValidTo,
    [property: Id(7)] string? SuccessorCode,
    [property: Id(8)] IReadOnlyList<DivisionSummary> ParentChain,
    [property: Id(9)] IReadOnlyList<DivisionNamePeriod> Names,
    [property: Id(10)] DateOnly? KnownFrom = null,
    [property: Id(11)] DivisionUncertainty? PendingChange = null,
    [property: Id(12)] DivisionUncertainty? ChangedBetween = null,
    [property: Id(13)] IReadOnlyList<string>? Successors = null);
