namespace Registry.Abstractions.Places;

/// <summary>Where an external reference name comes from: the gazetteer, its identifier there and its credit line
/// (e.g. "GeoNames (geonames.org)", CC BY 4.0), plus the source's own administrative codes.</summary>
[GenerateSerializer, Alias("Registry.Places.ExternalSource")]
public sealed record ExternalSource(
    [property: Id(0)] string Source,
    [property: Id(1)] string SourceId,
    [property: Id(2)] string Credit,
    [property: Id(3)] string? CountryCode,
    [property: Id(4)] string? Admin1,
    [property: Id(5)] string? Admin2);
