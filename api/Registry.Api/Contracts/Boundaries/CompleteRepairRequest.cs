namespace Registry.Api.Contracts.Boundaries;

/// <summary>The repair of a marker was finished on a date.</summary>
public sealed record CompleteRepairRequest(string? Marker, DateOnly? CompletedOn, string? Note);
