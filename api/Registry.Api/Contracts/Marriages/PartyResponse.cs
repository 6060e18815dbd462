using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>A party of a marriage as currently recorded (court corrections applied).</summary>
public sealed record PartyResponse(string IdNumber, string Name, string Nationality, Sex Sex, DateOnly BirthDate)
{
    public static PartyResponse From(PartyDetails p) => new(p.IdNumber, p.Name, p.Nationality, p.Sex, p.BirthDate);
}
