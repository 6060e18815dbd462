namespace Registry.Api.Contracts.Marriages;

/// <summary>Both parties apply at <c>office</c> to divorce, with their written divorce agreement (its text or
/// reference).</summary>
public sealed record DivorceApplicationRequest(string? MarriageId, string? Office, string? Agreement);
