namespace Registry.Abstractions.Places;

/// <summary>Abolition of a name on <see cref="EffectiveDate"/> (today when null); the record stays as history.</summary>
[GenerateSerializer, Alias("Registry.Places.AbolishPlaceName")]
public sealed record AbolishPlaceName(
    [property: Id(0)] DateOnly? EffectiveDate,
    [property: Id(1)] string Reason);
