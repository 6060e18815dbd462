using System.Text.Json;

namespace Registry.Api.Contracts.Places;

/// <summary>A proposal: standard name (Han), Hanyu Pinyin spelling, category (kebab-case, one of the eight),
/// division code, GeoJSON geometry (Point, LineString or Polygon, lon/lat), meaning and optional location text;
/// <c>minorityLanguage</c> when the spelling is transliterated from a minority language instead of Hanyu Pinyin.</summary>
public sealed record ProposePlaceNameRequest(
    string? Name,
    string? Romanization,
    string? Category,
    string? DivisionCode,
    JsonElement? Geometry,
    string? Meaning,
    string? LocationDescription,
    MinorityLanguageSpellingRequest? MinorityLanguage = null);
