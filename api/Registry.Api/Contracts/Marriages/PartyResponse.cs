using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>A party of a marriage as currently recorded (court corrections applied), and their marital status when
/// the marriage was registered (<c>priorStatus</c>: never-married, divorced, widowed or previous-marriage-annulled;
/// null on records stored before it was recorded).</summary>
public sealed record PartyResponse(string IdNumber, string Name, string Nationality, Sex Sex, DateOnly BirthDate,
    PriorMaritalStatus? PriorStatus)
{
    public static PartyResponse From(PartyDetails p) =>
        new(p.IdNumber, p.Name, p.Nationality, p.Sex, p.BirthDate, p.PriorStatus);
}
