using System.Globalization;

namespace Registry.Abstractions.Persons;

/// <summary>
/// The rules of the resident identity number, GB 11643-1999: 6-digit address code (a GB/T 2260 division code),
/// 8-digit birth date YYYYMMDD, 3-digit sequence code (odd: male, even: female) and a check character over the first
/// 17 digits (weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2; the sum mod 11 indexes "10X98765432").
/// Pure and thread-safe.
/// </summary>
/// <remarks>
/// The address code is the division where the number was first issued, at that time. Divisions are renamed, merged
/// and abolished, and people keep their numbers: someone born in a county abolished in 2010 still carries its code.
/// So the rule here only asks for a well-formed code (6 digits, province part not 00); the registry's grains also
/// require the province part to be a recorded province-level division, and never require the full code to be a
/// division in force today.
/// </remarks>
public static class ResidentIdNumber
{
    public const int Length = 18;

    private const string CheckCharacters = "10X98765432";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Trims and upper-cases a check character x; null stays null.</summary>
    public static string? Normalize(string? text) => text?.Trim().ToUpperInvariant();

    /// <summary>The check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1 || !IsDigits(first17))
        {
            throw new ArgumentException("The check character is computed over exactly 17 digits.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>Builds the number for an address code, birth date and sequence code (0-999), with its check
    /// character. Used to issue test and benchmark identities from real division codes.</summary>
    public static string Compose(string addressCode, DateOnly birthDate, int sequence)
    {
        if (addressCode is not { Length: 6 } || !IsDigits(addressCode))
        {
            throw new ArgumentException("The address code is 6 digits.", nameof(addressCode));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{addressCode}{birthDate:yyyyMMdd}{sequence:000}");
        return first17 + CheckCharacter(first17);
    }

    /// <summary>Length of the numbers issued before GB 11643-1999: 6-digit address code, 6-digit birth date YYMMDD,
    /// 3-digit sequence code, no check character.</summary>
    public const int OldLength = 15;

    /// <summary>
    /// Converts a 15-digit number of an old record to its 18 characters as GB 11643-1999 does: the century "19" is
    /// inserted before the 2-digit year (15-digit numbers were issued to people born in the 20th century) and the
    /// check character of the resulting 17 digits is appended. False unless <paramref name="text"/> (after
    /// <see cref="Normalize"/>) is 15 digits; the result still has to pass <see cref="TryParse"/>.
    /// </summary>
    public static bool TryUpgrade(string? text, out string number)
    {
        var old = Normalize(text);
        if (old is not { Length: OldLength } || !IsDigits(old))
        {
            number = "";
            return false;
        }

        var first17 = string.Concat(old.AsSpan(0, 6), "19", old.AsSpan(6));
        number = first17 + CheckCharacter(first17);
        return true;
    }

    /// <summary>Parses and validates <paramref name="text"/> (after <see cref="Normalize"/>) as of
    /// <paramref name="today"/>: format, check character, a real birth date not after today, a well-formed address
    /// code.</summary>
    public static bool TryParse(string? text, DateOnly today, out ResidentId? id, out ResidentIdError error)
    {
        id = null;
        var number = Normalize(text);
        if (number is not { Length: Length }
            || !IsDigits(number.AsSpan(0, Length - 1))
            || !(char.IsAsciiDigit(number[^1]) || number[^1] == 'X'))
        {
            error = ResidentIdError.Format;
            return false;
        }

        if (CheckCharacter(number.AsSpan(0, Length - 1)) != number[^1])
        {
            error = ResidentIdError.CheckCharacter;
            return false;
        }

        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var birthDate) || birthDate > today)
        {
            error = ResidentIdError.BirthDate;
            return false;
        }

        var addressCode = number[..6];
        if (addressCode.StartsWith("00", StringComparison.Ordinal))
        {
            error = ResidentIdError.AddressCode;
            return false;
        }

        var sequence = int.Parse(number.AsSpan(14, 3), CultureInfo.InvariantCulture);
        id = new ResidentId(number, addressCode, birthDate, sequence, sequence % 2 == 1 ? Sex.Male : Sex.Female);
        error = ResidentIdError.None;
        return true;
    }

    /// <summary>The kebab-case rule a refusal names.</summary>
    public static string RuleOf(ResidentIdError error) => error switch
    {
        ResidentIdError.Format => "id-number-format",
        ResidentIdError.CheckCharacter => "id-number-check-character",
        ResidentIdError.BirthDate => "id-number-birth-date",
        ResidentIdError.AddressCode => "id-number-address-code",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not an error."),
    };

    /// <summary>A sentence for the client, saying what is wrong.</summary>
    public static string MessageOf(ResidentIdError error) => error switch
    {
        ResidentIdError.Format => "A resident ID number is 17 digits followed by a digit or X.",
        ResidentIdError.CheckCharacter => "The last character is not the check character of the first 17 digits.",
        ResidentIdError.BirthDate => "Characters 7-14 must be a real birth date (YYYYMMDD), not after today.",
        ResidentIdError.AddressCode => "Characters 1-6 must be the address code of a recorded province-level division.",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Not an error."),
    };

    /// <summary>The number as shown in lists: the first 6 and last 4 characters, the rest as asterisks.</summary>
    public static string Mask(string number) =>
        number.Length <= 10
            ? new string('*', number.Length)
            : number[..6] + new string('*', number.Length - 10) + number[^4..];

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
