namespace Registry.Abstractions.Divisions;

/// <summary>Merge a division into <see cref="IntoCode"/> (same level) from <see cref="EffectiveDate"/> on.</summary>
[GenerateSerializer, Alias("Registry.Divisions.MergeDivision")]
public sealed record MergeDivision(
    [property: Id(0)] string IntoCode,
    [property: Id(1)] DateOnly EffectiveDate,
    [property: Id(2)] string Reason);
