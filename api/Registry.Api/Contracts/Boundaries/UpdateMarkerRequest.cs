namespace Registry.Api.Contracts.Boundaries;

/// <summary>New descriptive details of a marker; omitted fields stay. The position cannot change.</summary>
public sealed record UpdateMarkerRequest(
    string? Material,
    IReadOnlyList<string>? Landmarks,
    IReadOnlyList<string>? Photos,
    string? Reason);
