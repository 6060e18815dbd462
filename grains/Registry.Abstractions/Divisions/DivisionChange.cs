namespace Registry.Abstractions.Divisions;

/// <summary>
/// A change to the divisions approved with a legal basis (<see cref="Reason"/>) and effective on
/// <see cref="EffectiveDate"/>. Which members are used depends on <see cref="Kind"/>:
/// establish: <see cref="Code"/>, <see cref="Name"/>, <see cref="Level"/>, <see cref="ParentCode"/>;
/// rename: <see cref="Code"/>, <see cref="Name"/>; abolish: <see cref="Code"/>;
/// recode: <see cref="Code"/>, <see cref="Parts"/>[0] (the new code, with a new name or null to keep the name);
/// merge: <see cref="Sources"/> into <see cref="Parts"/>[0] (existing, or new with a name, under
/// <see cref="ParentCode"/> or the first source's parent);
/// split: <see cref="Code"/> into <see cref="Parts"/>, each child moved as <see cref="Transfers"/> say;
/// transfer: <see cref="Code"/> to the parent <see cref="ParentCode"/>.
/// Codes are well-formed (checked at the edge).
/// </summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionChange")]
public sealed record DivisionChange(
    [property: Id(0)] DivisionChangeKind Kind,
    [property: Id(1)] DateOnly EffectiveDate,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? Code,
    [property: Id(4)] string? Name,
    [property: Id(5)] DivisionLevel? Level,
    [property: Id(6)] string? ParentCode,
    [property: Id(7)] IReadOnlyList<string> Sources,
    [property: Id(8)] IReadOnlyList<DivisionPart> Parts,
    [property: Id(9)] IReadOnlyList<DivisionTransfer> Transfers);
