namespace Registry.Abstractions.Divisions;

/// <summary>
/// One division's part of a recorded change, effective on <see cref="EffectiveDate"/>, with its legal basis in
/// <see cref="Reason"/>. <see cref="Name"/>, <see cref="Level"/> and <see cref="ParentCode"/> are the new values
/// (establish, rename, reparent); <see cref="EndStatus"/> and <see cref="RelatedCodes"/> (successors, or the absorbed
/// divisions) describe an end or an absorption.
/// </summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionStep")]
public sealed record DivisionStep(
    [property: Id(0)] DivisionStepKind Kind,
    [property: Id(1)] DateOnly EffectiveDate,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? Name,
    [property: Id(4)] DivisionLevel? Level,
    [property: Id(5)] string? ParentCode,
    [property: Id(6)] DivisionStatus? EndStatus,
    [property: Id(7)] IReadOnlyList<string> RelatedCodes);
