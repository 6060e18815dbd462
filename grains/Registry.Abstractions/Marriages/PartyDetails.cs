using Registry.Abstractions.Persons;

namespace Registry.Abstractions.Marriages;

/// <summary>A party of a marriage as currently recorded (court corrections applied), with what the ID number
/// encodes.</summary>
[GenerateSerializer, Alias("Registry.Marriages.PartyDetails")]
public sealed record PartyDetails(
    [property: Id(0)] string IdNumber,
    [property: Id(1)] string Name,
    [property: Id(2)] string Nationality,
    [property: Id(3)] Sex Sex,
    [property: Id(4)] DateOnly BirthDate);
