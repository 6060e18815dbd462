namespace Registry.Abstractions.Places;

/// <summary>The toneless readings of one Han character in the shipped table.</summary>
[GenerateSerializer, Alias("Registry.Places.CharacterReadings")]
public sealed record CharacterReadings(
    [property: Id(0)] string Character,
    [property: Id(1)] IReadOnlyList<string> Readings);
