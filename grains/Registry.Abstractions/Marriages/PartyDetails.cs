using Registry.Abstractions.Persons;

namespace Registry.Abstractions.Marriages;

/// <summary>A party of a marriage as currently recorded (court corrections applied), with what the ID number
/// encodes, and their marital status when the marriage was registered (<see cref="PriorStatus"/>; null on records
/// stored before it was recorded).</summary>
[GenerateSerializer, Alias("Registry.Marriages.PartyDetails")]
public sealed record PartyDetails(
    [property: Id(0)] string IdNumber,
    [property: Id(1)] string Name,
    [property: Id(2)] string Nationality,
    [property: Id(3)] Sex Sex,
    [property: Id(4)] DateOnly BirthDate)
{
    [Id(5)]
    public PriorMaritalStatus? PriorStatus { get; init; }
}
