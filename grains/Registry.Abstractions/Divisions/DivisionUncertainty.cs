namespace Registry.Abstractions.Divisions;

/// <summary>
/// A change known only from two official editions: it happened after <see cref="After"/> (the earlier edition's
/// cut-off, exclusive) and on or before <see cref="By"/> (the later cut-off); the exact day is not recorded.
/// <see cref="Description"/> says what changed, e.g. "name 江干区 -> (no longer listed)".
/// </summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionUncertainty")]
public sealed record DivisionUncertainty(
    [property: Id(0)] DateOnly After,
    [property: Id(1)] DateOnly By,
    [property: Id(2)] string Description);
