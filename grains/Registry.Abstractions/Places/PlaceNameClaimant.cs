namespace Registry.Abstractions.Places;

/// <summary>Who claims a name key: the record id and the name and spelling it claims with (shown in a 409).</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameClaimant")]
public sealed record PlaceNameClaimant(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Romanization);
