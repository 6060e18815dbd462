namespace Registry.Abstractions.Places;

/// <summary>Lifecycle of a standard place name; external reference names are always <see cref="Reference"/>; names
/// in force entered from existing records are <see cref="Recorded"/>.</summary>
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

    /// <summary>A name in force brought from the bureau's existing records (or the official statistical lists), not
    /// proposed and approved through the registry: public, renamed and abolished like an announced name.</summary>
    Recorded = 7,
}
