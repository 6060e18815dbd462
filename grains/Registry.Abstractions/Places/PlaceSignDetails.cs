namespace Registry.Abstractions.Places;

/// <summary>
/// A sign or plate, numbered <see cref="Serial"/> from 1 within its place name: its kind, the address it is set at
/// (house-number key; building and unit for building and unit plates; none for road and lane signs), the day it was
/// set, its condition now and every change of condition.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.PlaceSignDetails")]
public sealed record PlaceSignDetails(
    [property: Id(0)] string PlaceNameId,
    [property: Id(1)] int Serial,
    [property: Id(2)] PlaceSignKind Kind,
    [property: Id(3)] string? HouseNumber,
    [property: Id(4)] string? Building,
    [property: Id(5)] string? Unit,
    [property: Id(6)] DateOnly SetOn,
    [property: Id(7)] PlaceSignCondition Condition,
    [property: Id(8)] IReadOnlyList<PlaceSignEvent> History);
