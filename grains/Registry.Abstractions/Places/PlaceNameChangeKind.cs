namespace Registry.Abstractions.Places;

/// <summary>What a change to an existing name does: give it a new name, or abolish it.</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameChangeKind")]
public enum PlaceNameChangeKind
{
    Rename = 1,
    Abolition = 2,
}
