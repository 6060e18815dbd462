using System.Text.Json;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>New descriptive details of a marker; omitted fields stay. The position cannot change: a
/// <see cref="Location"/> (GeoJSON Point) other than the registered one is refused with <c>marker-position-fixed</c>.
/// </summary>
public sealed record UpdateMarkerRequest(
    string? Material,
    IReadOnlyList<string>? Landmarks,
    IReadOnlyList<string>? Photos,
    string? Reason,
    JsonElement? Location = null);
