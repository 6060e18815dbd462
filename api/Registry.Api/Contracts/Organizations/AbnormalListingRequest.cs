namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// List the organization as abnormal today on a registrar's finding. <c>ground</c> is
/// <c>unreachable-at-registered-address</c>, the one ground a registrar records by hand (reports not filed and failed
/// inspections are listed by the system); <c>findings</c> says what was tried.
/// </summary>
public sealed record AbnormalListingRequest(string? Ground, string? Findings);
