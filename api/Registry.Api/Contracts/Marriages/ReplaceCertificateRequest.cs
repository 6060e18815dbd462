namespace Registry.Api.Contracts.Marriages;

/// <summary>Replace the current certificate of <c>party</c> (their resident ID number) at <c>office</c>, any office.
/// The office is needed because the new number carries the issuing office's code.</summary>
public sealed record ReplaceCertificateRequest(string? Party, string? Office);
