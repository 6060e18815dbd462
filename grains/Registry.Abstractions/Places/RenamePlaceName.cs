namespace Registry.Abstractions.Places;

/// <summary>A rename from <see cref="EffectiveDate"/> on; the old name stays as a historical name.</summary>
[GenerateSerializer, Alias("Registry.Places.RenamePlaceName")]
public sealed record RenamePlaceName(
    [property: Id(0)] string Name,
    [property: Id(1)] string Romanization,
    [property: Id(2)] DateOnly EffectiveDate,
    [property: Id(3)] string Reason)
{
    /// <summary>Set when <see cref="Romanization"/> is transliterated from a minority language, not Hanyu Pinyin.</summary>
    [Id(4)]
    public MinorityLanguageSpelling? MinorityLanguage { get; init; }
}
