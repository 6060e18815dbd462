namespace Registry.Abstractions.Places;

/// <summary>Side of a street line, facing along it from its origin (first vertex). Odd numbers go left, even
/// numbers right (左单右双).</summary>
[GenerateSerializer, Alias("Registry.Places.StreetSide")]
public enum StreetSide
{
    Left = 1,
    Right = 2,
}
