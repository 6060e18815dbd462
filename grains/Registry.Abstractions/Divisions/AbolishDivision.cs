namespace Registry.Abstractions.Divisions;

/// <summary>Abolish a division from <see cref="EffectiveDate"/> on.</summary>
[GenerateSerializer, Alias("Registry.Divisions.AbolishDivision")]
public sealed record AbolishDivision(
    [property: Id(0)] DateOnly EffectiveDate,
    [property: Id(1)] string Reason);
