namespace Registry.Abstractions.Places;

/// <summary>The condition of a sign: set (new), maintained, replaced (a new sign in the same place), removed (final).</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceSignCondition")]
public enum PlaceSignCondition
{
    Set = 1,
    Maintained = 2,
    Replaced = 3,
    Removed = 4,
}
