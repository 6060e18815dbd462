namespace Registry.Abstractions.Statistics;

/// <summary>
/// One countable fact a record contributes to the annual statistics: <see cref="Figure"/> (a key of
/// <see cref="StatisticsFigures"/>) at <see cref="Office"/> (a division code, <c>100000</c> for the national office;
/// prefixed <see cref="StatisticsFigures.SharedPrefix"/> for a correction that keeps a fact counted at two offices,
/// such as a boundary line's two sides, once in every roll-up holding both) on <see cref="Date"/>, the record's own
/// effective date in the bureau's calendar. <see cref="Id"/> is stable for the same fact of the same record, so a
/// fact published again replaces itself (idempotent). For a period figure <see cref="Count"/> is how many (0: the
/// fact was withdrawn); for an as-of figure it is the change of the level on that day (+1, -1).
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Statistics.StatisticsFact")]
public sealed record StatisticsFact(
    [property: Id(0)] string Id,
    [property: Id(1)] string Figure,
    [property: Id(2)] string Office,
    [property: Id(3)] DateOnly Date,
    [property: Id(4)] int Count = 1);
