namespace Registry.Api.Contracts.Places;

/// <summary>The approving authority and the approval date (YYYY-MM-DD).</summary>
public sealed record ApprovePlaceNameRequest(string? Authority, string? Date);
