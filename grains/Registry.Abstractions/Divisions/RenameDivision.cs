namespace Registry.Abstractions.Divisions;

/// <summary>Rename a division from <see cref="EffectiveDate"/> on.</summary>
[GenerateSerializer, Alias("Registry.Divisions.RenameDivision")]
public sealed record RenameDivision(
    [property: Id(0)] string Name,
    [property: Id(1)] DateOnly EffectiveDate,
    [property: Id(2)] string Reason);
