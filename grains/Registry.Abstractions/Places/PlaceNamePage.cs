using Orleans.Concurrency;

namespace Registry.Abstractions.Places;

/// <summary>How many entries match (for a nearest query: how many were ranked) and one page of them.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNamePage")]
public sealed record PlaceNamePage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<PlaceNameHit> Items);
