namespace Registry.Abstractions.Places;

/// <summary>
/// A house-number plate on a street: the base number, the building's location (WKB point, SRID 4326), the side of the
/// street line it lies on facing from the line's first vertex (the numbering origin), the plate certificate (门牌证)
/// number and the day it was issued. <see cref="Label"/> is the number as written (12号, 甲12号, 12-1号, 12之1号) and
/// <see cref="Key"/> its canonical form (12, 甲12, 12-1), which addresses the plate.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.HouseNumberPlate")]
public sealed record HouseNumberPlate(
    [property: Id(0)] int Number,
    [property: Id(1)] byte[] Location,
    [property: Id(2)] StreetSide Side,
    [property: Id(3)] string CertificateNumber,
    [property: Id(4)] DateOnly IssuedOn)
{
    [Id(5)]
    public string Label { get; init; } = "";

    [Id(6)]
    public string Key { get; init; } = "";
}
