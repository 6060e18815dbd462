using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A sign or plate: its place name, serial, kind, address (house-number key, building, unit), the day it
/// was set, its condition now and every change of condition.</summary>
public sealed record PlaceSignResponse(string PlaceNameId, int Serial, PlaceSignKind Kind, string? HouseNumber,
    string? Building, string? Unit, DateOnly SetOn, PlaceSignCondition Condition,
    IReadOnlyList<PlaceSignEventResponse> History)
{
    public static PlaceSignResponse From(PlaceSignDetails d) => new(d.PlaceNameId, d.Serial, d.Kind, d.HouseNumber,
        d.Building, d.Unit, d.SetOn, d.Condition, d.History.Select(PlaceSignEventResponse.From).ToList());
}
