namespace Registry.Abstractions.Marriages;

/// <summary>A party as presented at registration: resident ID number, name and nationality as on their documents.
/// Birth date and sex are derived from the ID number, never entered.</summary>
[GenerateSerializer, Alias("Registry.Marriages.MarriageParty")]
public sealed record MarriageParty(
    [property: Id(0)] string IdNumber,
    [property: Id(1)] string Name,
    [property: Id(2)] string Nationality);
