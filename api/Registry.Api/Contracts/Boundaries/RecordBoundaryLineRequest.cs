using System.Text.Json;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>The boundary line between two divisions: a GeoJSON LineString or MultiLineString, the agreement that
/// fixed it (e.g. its document number) and its date.</summary>
public sealed record RecordBoundaryLineRequest(
    string? DivisionA,
    string? DivisionB,
    JsonElement? Geometry,
    string? Agreement,
    DateOnly? AgreementDate,
    string? Reason,
    string? Source);
