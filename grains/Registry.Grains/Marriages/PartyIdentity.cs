using Registry.Abstractions.Persons;

namespace Registry.Grains.Marriages;

/// <summary>
/// A party as the marriage rules see them: the document they presented, and their sex and birth date (from the
/// document where it carries them, as entered otherwise). <see cref="Number"/> is the document's key, the name of the
/// person record that decides whether they may marry.
/// </summary>
public sealed record PartyIdentity(IdentityDocument Document, Sex Sex, DateOnly BirthDate)
{
    public string Number => Document.Key;

    /// <summary>Completed years of age on <paramref name="date"/>; the age is reached on the birthday (a
    /// 29 February birthday is reached on 1 March in common years).</summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        return (date.Month, date.Day).CompareTo((BirthDate.Month, BirthDate.Day)) < 0 ? age - 1 : age;
    }
}
