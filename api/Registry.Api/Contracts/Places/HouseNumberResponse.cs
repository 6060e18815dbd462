using System.Text.Json;
using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A house-number plate: the base number, the number as written (<c>label</c>: 12号, 甲12号, 12-1号) and its
/// canonical key (12, 甲12, 12-1), side of the street (left = odd, right = even), certificate (门牌证) number, issue
/// date, location (GeoJSON Point).</summary>
public sealed record HouseNumberResponse(int Number, string Label, string Key, StreetSide Side,
    string CertificateNumber, DateOnly IssuedOn, JsonElement Location)
{
    public static HouseNumberResponse From(HouseNumberPlate plate) => new(plate.Number, plate.Label, plate.Key,
        plate.Side, plate.CertificateNumber, plate.IssuedOn, GeoJson.ToJson(plate.Location));
}
