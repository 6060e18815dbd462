using System.Text.Json;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>New geometry and/or agreement for a line; omitted fields stay as they are.</summary>
public sealed record UpdateBoundaryLineRequest(
    JsonElement? Geometry,
    string? Agreement,
    DateOnly? AgreementDate,
    string? Reason);
