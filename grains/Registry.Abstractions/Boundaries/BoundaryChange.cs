namespace Registry.Abstractions.Boundaries;

/// <summary>
/// One entry of a boundary line's or marker's history, written with its state in the same storage write and never
/// removed: the record's revision after the change, the operation (e.g. <c>update-line</c>), who made it (the acting
/// user, <c>system</c> for internal steps), when (UTC), why (as given; null for internal steps) and what changed (the
/// fields or the related record, e.g. <c>geometry, agreement</c> or a marker number).
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.BoundaryChange")]
public sealed record BoundaryChange(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Operation,
    [property: Id(2)] string Actor,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string Changed);
