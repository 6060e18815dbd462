namespace Registry.Abstractions.Places;

/// <summary>
/// A proposal of a standard place name. <see cref="Geometry"/> is WKB (SRID 4326, lon/lat) of a point, line or
/// polygon; <see cref="LocationDescription"/> is optional (the division chain is used when absent).
/// </summary>
[GenerateSerializer, Alias("Registry.Places.ProposePlaceName")]
public sealed record ProposePlaceName(
    [property: Id(0)] string Name,
    [property: Id(1)] string Romanization,
    [property: Id(2)] PlaceCategory Category,
    [property: Id(3)] string DivisionCode,
    [property: Id(4)] byte[] Geometry,
    [property: Id(5)] string? Meaning,
    [property: Id(6)] string? LocationDescription)
{
    /// <summary>Set when <see cref="Romanization"/> is transliterated from a minority language, not Hanyu Pinyin.</summary>
    [Id(7)]
    public MinorityLanguageSpelling? MinorityLanguage { get; init; }

    /// <summary>Other names the place is known by (别名, 俗称), in Han characters; not standard names.</summary>
    [Id(8)]
    public IReadOnlyList<string> Aliases { get; init; } = [];
}
