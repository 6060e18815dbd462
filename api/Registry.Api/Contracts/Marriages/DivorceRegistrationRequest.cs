namespace Registry.Api.Contracts.Marriages;

/// <summary>Register the divorce at <c>office</c> (the office that received the application); <c>parties</c> holds
/// one entry per party, each appearing in person with their identity document and confirming the divorce.</summary>
public sealed record DivorceRegistrationRequest(string? Office, IReadOnlyList<DivorceAppearanceRequest?>? Parties);
