namespace Registry.Abstractions.Places;

/// <summary>A house number to issue on a street (parsed at the edge), at a building's location (WKB point, SRID 4326).</summary>
[GenerateSerializer, Alias("Registry.Places.AssignHouseNumber")]
public sealed record AssignHouseNumber(
    [property: Id(0)] HouseNumber Number,
    [property: Id(1)] byte[] Location);
