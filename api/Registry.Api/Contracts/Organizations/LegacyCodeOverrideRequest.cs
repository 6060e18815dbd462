namespace Registry.Api.Contracts.Organizations;

/// <summary>Accept a legacy code failing only its check character; <c>reason</c> is kept in the history.</summary>
public sealed record LegacyCodeOverrideRequest(string? Reason);
