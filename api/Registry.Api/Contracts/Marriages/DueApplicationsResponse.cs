namespace Registry.Api.Contracts.Marriages;

/// <summary>The divorce applications of an office due to appear on a date, earliest deadline first.</summary>
public sealed record DueApplicationsResponse(string Office, DateOnly Date, IReadOnlyList<DueApplicationResponse> Applications);
