using System.Text.Json;

namespace Registry.Api.Contracts.Places;

/// <summary>A proposal: standard name (Han), Hanyu Pinyin spelling, category (kebab-case, one of the eight),
/// division code, GeoJSON geometry (Point, LineString or Polygon, lon/lat), meaning and optional location text;
/// <c>minorityLanguage</c> when the spelling is transliterated from a minority language instead of Hanyu Pinyin;
/// <c>aliases</c>: other names the place is known by (别名, 俗称), Han characters, at most 10.</summary>
public sealed record ProposePlaceNameRequest(
    string? Name,
    string? Romanization,
    string? Category,
    string? DivisionCode,
    JsonElement? Geometry,
    string? Meaning,
    string? LocationDescription,
    MinorityLanguageSpellingRequest? MinorityLanguage = null,
    IReadOnlyList<string>? Aliases = null);
