namespace Registry.Abstractions.Places;

[GenerateSerializer, Alias("Registry.Places.PlaceNameEventKind")]
public enum PlaceNameEventKind
{
    Proposed = 1,
    Approved = 2,
    Announced = 3,
    Renamed = 4,
    Abolished = 5,
    HouseNumberAssigned = 6,
    Imported = 7,
    Rejected = 8,
}
