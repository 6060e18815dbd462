using System.Text.Json;
using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>
/// A boundary marker: its GB/T 17796 number (line number + 3-digit serial + type code Q/A/B/C/D/E), type, position
/// (a GeoJSON Point, WGS84), material, reference landmarks and photo references.
/// </summary>
public sealed record RegisterMarkerRequest(
    string? Number,
    MarkerType? Type,
    JsonElement? Location,
    string? Material,
    IReadOnlyList<string>? Landmarks,
    IReadOnlyList<string>? Photos,
    string? Reason,
    string? Source);
