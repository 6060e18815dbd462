namespace Registry.Api.Contracts.Organizations;

/// <summary>Change registration particulars; omitted fields stay. <c>reason</c> cites the approval.</summary>
public sealed record ChangeOrganizationRequest(
    string? Name,
    string? LegalRepresentative,
    string? Address,
    string? BusinessScope,
    string? Reason);
