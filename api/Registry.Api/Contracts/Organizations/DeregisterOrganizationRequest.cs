namespace Registry.Api.Contracts.Organizations;

/// <summary>Deregister the organization today; <c>reason</c> cites the decision.</summary>
public sealed record DeregisterOrganizationRequest(string? Reason);
