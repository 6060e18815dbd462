namespace Registry.Api.Contracts.Marriages;

/// <summary>Register the divorce at <c>office</c> (the office that received the application); both parties must
/// appear (<c>bothPresent</c>).</summary>
public sealed record DivorceRegistrationRequest(string? Office, bool? BothPresent);
