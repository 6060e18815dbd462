using Registry.Abstractions.Persons;
using Registry.Api.Text;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A party: the number of their identity document (<c>idNumber</c>; a resident ID number of 18 characters, or 15 on
/// old records, unless <c>documentType</c> says otherwise), name and nationality as on their documents. A passport
/// names its issuing country (<c>country</c>, ISO 3166-1 alpha-3). <c>sex</c> and <c>birthDate</c> are given only
/// where the document does not carry them (travel permits and passports; the permanent residence ID carries the
/// birth date only).
/// </summary>
public sealed record MarriagePartyRequest(
    string? IdNumber,
    [TextPolicy(TextKind.PersonName)] string? Name,
    string? Nationality)
{
    public IdentityDocumentType? DocumentType { get; init; }

    public string? Country { get; init; }

    public Sex? Sex { get; init; }

    public DateOnly? BirthDate { get; init; }
}
