namespace Registry.Abstractions.Persons;

/// <summary>
/// A valid resident ID number and what it encodes: the address code of the registering division at the time the
/// number was issued, the birth date, the 3-digit sequence code and the sex derived from it.
/// </summary>
/// <param name="Number">The 18 characters, with a check character X in upper case.</param>
/// <param name="AddressCode">Characters 1-6.</param>
/// <param name="BirthDate">Characters 7-14.</param>
/// <param name="Sequence">Characters 15-17: odd for men, even for women.</param>
/// <param name="Sex">From the parity of <paramref name="Sequence"/>.</param>
public sealed record ResidentId(string Number, string AddressCode, DateOnly BirthDate, int Sequence, Sex Sex)
{
    /// <summary>The province-level division code (<c>pp0000</c>) the address code belongs to.</summary>
    public string ProvinceCode => AddressCode[..2] + "0000";

    /// <summary>Completed years of age on <paramref name="date"/>; the age is reached on the birthday (a
    /// 29 February birthday is reached on 1 March in common years).</summary>
    public int AgeOn(DateOnly date)
    {
        var age = date.Year - BirthDate.Year;
        return (date.Month, date.Day).CompareTo((BirthDate.Month, BirthDate.Day)) < 0 ? age - 1 : age;
    }
}
