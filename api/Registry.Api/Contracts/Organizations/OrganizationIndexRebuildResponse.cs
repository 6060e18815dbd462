namespace Registry.Api.Contracts.Organizations;

/// <summary>How many organizations the rebuilt search index holds.</summary>
public sealed record OrganizationIndexRebuildResponse(int Entries);
