using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>The record a write addressed and what it did (created, corrected, unchanged).</summary>
public sealed record RecordChangeResponse(string Id, RecordChange Change);
