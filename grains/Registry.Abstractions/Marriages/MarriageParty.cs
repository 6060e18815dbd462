using Registry.Abstractions.Persons;

namespace Registry.Abstractions.Marriages;

/// <summary>A party as presented at registration: the number of their identity document (a resident ID number unless
/// <see cref="DocumentType"/> says otherwise), name and nationality as on their documents. Birth date and sex are
/// derived from the number where it carries them, and entered (<see cref="Sex"/>, <see cref="BirthDate"/>) only where
/// it does not.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.MarriageParty")]
public sealed record MarriageParty(
    [property: Id(0)] string IdNumber,
    [property: Id(1)] string Name,
    [property: Id(2)] string Nationality)
{
    [Id(3)]
    public IdentityDocumentType DocumentType { get; init; }

    /// <summary>A passport's issuing country, ISO 3166-1 alpha-3.</summary>
    [Id(4)]
    public string? Country { get; init; }

    /// <summary>Entered where the document does not carry it; must agree with it where it does.</summary>
    [Id(5)]
    public Sex? Sex { get; init; }

    /// <summary>Entered where the document does not carry it; must agree with it where it does.</summary>
    [Id(6)]
    public DateOnly? BirthDate { get; init; }
}
