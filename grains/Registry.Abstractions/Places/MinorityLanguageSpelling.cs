namespace Registry.Abstractions.Places;

/// <summary>
/// A Roman spelling transliterated from a minority language rather than spelled from the characters (the 1984 rules
/// cover Han names only): the language it is transliterated from (e.g. "Uyghur", "Mongolian", "Tibetan") and the
/// registrar's reason (the source of the form), which is kept in the audit trail and the record's history.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.MinorityLanguageSpelling")]
public sealed record MinorityLanguageSpelling(
    [property: Id(0)] string Language,
    [property: Id(1)] string Reason);
