namespace Registry.Abstractions.Places;

/// <summary>
/// A house-number plate on a street: the number, the building's location (WKB point, SRID 4326), the side of the
/// street line it lies on facing from the line's first vertex (the numbering origin), the plate certificate (门牌证)
/// number and the day it was issued.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.HouseNumberPlate")]
public sealed record HouseNumberPlate(
    [property: Id(0)] int Number,
    [property: Id(1)] byte[] Location,
    [property: Id(2)] StreetSide Side,
    [property: Id(3)] string CertificateNumber,
    [property: Id(4)] DateOnly IssuedOn);
