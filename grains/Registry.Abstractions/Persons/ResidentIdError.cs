namespace Registry.Abstractions.Persons;

/// <summary>Why a text is not a valid resident ID number; each has a stable rule name (see
/// <see cref="ResidentIdNumber.RuleOf"/>).</summary>
public enum ResidentIdError
{
    None = 0,

    /// <summary>Not 17 digits followed by a digit or X.</summary>
    Format = 1,

    /// <summary>The 18th character is not the check character of the first 17.</summary>
    CheckCharacter = 2,

    /// <summary>Characters 7-14 are not a calendar date, or the date is after today.</summary>
    BirthDate = 3,

    /// <summary>Characters 1-6 are not a division code with a province part.</summary>
    AddressCode = 4,
}
