namespace Registry.Api.Contracts.Places;

/// <summary>The new name and spelling, the date they take effect (YYYY-MM-DD) and the reason; <c>minorityLanguage</c>
/// when the spelling is transliterated from a minority language.</summary>
public sealed record RenamePlaceNameRequest(string? Name, string? Romanization, string? EffectiveDate, string? Reason,
    MinorityLanguageSpellingRequest? MinorityLanguage = null);
