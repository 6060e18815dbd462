namespace Registry.Abstractions.Places;

/// <summary>Lifecycle of a standard place name; external reference names are always <see cref="Reference"/>.</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameStatus")]
public enum PlaceNameStatus
{
    Proposed = 1,
    Approved = 2,

    /// <summary>Filed and published: public.</summary>
    Announced = 3,
    Abolished = 4,

    /// <summary>A name imported from another gazetteer: shown as such, never approved or announced.</summary>
    Reference = 5,

    /// <summary>A proposal refused by the approving authority, with its reasons; kept as history, never public.</summary>
    Rejected = 6,
}
