namespace Registry.Abstractions.Places;

/// <summary>A name the place has borne, with its spelling, from <see cref="ValidFrom"/> until the day before
/// <see cref="ValidTo"/> (null: still in use).</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNamePeriod")]
public sealed record PlaceNamePeriod(
    [property: Id(0)] string Name,
    [property: Id(1)] string Romanization,
    [property: Id(2)] DateOnly? ValidFrom,
    [property: Id(3)] DateOnly? ValidTo);
