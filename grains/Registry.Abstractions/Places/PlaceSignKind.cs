namespace Registry.Abstractions.Places;

/// <summary>The signs and plates a bureau sets and maintains.</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceSignKind")]
public enum PlaceSignKind
{
    /// <summary>路牌: names a road or street.</summary>
    RoadSign = 1,

    /// <summary>巷牌: names a lane.</summary>
    LaneSign = 2,

    /// <summary>楼牌: the building number of a building at an address.</summary>
    BuildingPlate = 3,

    /// <summary>门牌: the house number at an address.</summary>
    DoorPlate = 4,

    /// <summary>单元牌: a unit (entrance) of a building at an address.</summary>
    UnitPlate = 5,
}
