namespace Registry.Abstractions.Divisions;

/// <summary>
/// A division as of <see cref="AsOf"/>: the name then in force, its parent chain (nearest first, up to the province)
/// and every name it has had. <see cref="ValidFrom"/> null means in force since before the registry's records;
/// <see cref="ValidTo"/> is the first day it no longer exists.
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
    [property: Id(9)] IReadOnlyList<DivisionNamePeriod> Names);
