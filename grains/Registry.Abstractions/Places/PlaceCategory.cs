namespace Registry.Abstractions.Places;

/// <summary>The eight categories of place names (Regulations on the Administration of Place Names, 2022, art. 2).</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceCategory")]
public enum PlaceCategory
{
    /// <summary>Mountains, rivers, lakes, islands and other natural geographic features.</summary>
    NaturalFeature = 1,

    /// <summary>Administrative divisions (province, prefecture, county, township).</summary>
    AdministrativeDivision = 2,

    /// <summary>Seats of villagers' and residents' committees (villages, communities).</summary>
    VillageSeat = 3,

    /// <summary>Parks, nature reserves and scenic areas.</summary>
    Park = 4,

    /// <summary>Streets, roads, lanes (街、路、巷).</summary>
    Street = 5,

    /// <summary>Residential areas and landmark buildings.</summary>
    ResidentialArea = 6,

    /// <summary>Landmark transport, water, power, communications and weather facilities.</summary>
    Facility = 7,

    /// <summary>Other landmark features.</summary>
    Landmark = 8,
}
