using System.Text.Json;
using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A house-number plate: number, side of the street (left = odd, right = even), certificate number, issue
/// date, location (GeoJSON Point).</summary>
public sealed record HouseNumberResponse(int Number, StreetSide Side, string CertificateNumber, DateOnly IssuedOn,
    JsonElement Location)
{
    public static HouseNumberResponse From(HouseNumberPlate plate) =>
        new(plate.Number, plate.Side, plate.CertificateNumber, plate.IssuedOn, GeoJson.ToJson(plate.Location));
}
