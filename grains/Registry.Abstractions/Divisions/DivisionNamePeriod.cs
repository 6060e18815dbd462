namespace Registry.Abstractions.Divisions;

/// <summary>A name and the dates it was in force: from <see cref="From"/> (null: before the records) until the day
/// before <see cref="Until"/> (null: still in force or last known).</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionNamePeriod")]
public sealed record DivisionNamePeriod(
    [property: Id(0)] string Name,
    [property: Id(1)] DateOnly? From,
    [property: Id(2)] DateOnly? Until);
