using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>Take the organization off <c>list</c> (<c>abnormal</c> or <c>serious-dishonesty</c>) today; <c>ground</c>
/// states what was verified or applied for.</summary>
public sealed record ListRemovalRequest(OrganizationList? List, string? Ground);
