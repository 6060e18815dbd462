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

    /// <summary>A rename proposed; <see cref="Renamed"/> records its approval.</summary>
    RenameProposed = 9,

    /// <summary>An abolition proposed; <see cref="Abolished"/> records its approval.</summary>
    AbolitionProposed = 10,
    ChangeAnnounced = 11,
    ChangeRejected = 12,

    /// <summary>A name in force entered from existing records, with its source and any duplicate it was flagged for.</summary>
    Recorded = 13,
}
