using System.Text.Json;
using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>
/// A division's geometry (a GeoJSON Polygon or MultiPolygon, WGS84 [longitude, latitude]) in force from
/// <see cref="EffectiveDate"/> (omitted: since before the registry's records). A later date than the latest version
/// adds a version; the same date corrects it. <see cref="Name"/> and <see cref="Level"/> only for reference areas.
/// </summary>
public sealed record SetDivisionGeometryRequest(
    JsonElement? Geometry,
    DateOnly? EffectiveDate,
    string? Reason,
    string? Name,
    DivisionLevel? Level,
    string? Source);
