namespace Registry.Abstractions.Places;

/// <summary>A sign set on <see cref="SetOn"/>: its kind and, for plates, the house number (as written) and the
/// building or unit.</summary>
[GenerateSerializer, Alias("Registry.Places.SetPlaceSign")]
public sealed record SetPlaceSign(
    [property: Id(0)] PlaceSignKind Kind,
    [property: Id(1)] HouseNumber? HouseNumber,
    [property: Id(2)] string? Building,
    [property: Id(3)] string? Unit,
    [property: Id(4)] DateOnly SetOn);
