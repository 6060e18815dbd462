namespace Registry.Api.Contracts.Places;

/// <summary>Marks a Roman spelling as transliterated from a minority language: the language and the reason (its
/// source), both required; the reason is audited.</summary>
public sealed record MinorityLanguageSpellingRequest(string? Language, string? Reason);
