using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>A repair of a marker found not intact, open until done.</summary>
public sealed record MarkerRepairResponse(string Marker, FindingKind Finding, RepairStatus Status, DateOnly? CompletedOn,
    string? Note);
