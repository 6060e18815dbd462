namespace Registry.Abstractions.Boundaries;

/// <summary>One page of the overdue-inspection report: <see cref="Total"/> counts every matching line,
/// <see cref="Lines"/> holds the page, by line number.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.OverduePage")]
public sealed record OverduePage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<OverdueLine> Lines);
