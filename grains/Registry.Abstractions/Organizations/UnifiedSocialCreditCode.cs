namespace Registry.Abstractions.Organizations;

/// <summary>
/// The Unified Social Credit Code of GB 32100-2015 as issued by civil affairs: 18 characters of
/// <see cref="Alphabet"/>; position 1 the registration authority (5 = civil affairs), position 2 the type
/// (<see cref="OrganizationKind"/>), positions 3-8 the registering office's division code, 9-17 the organization
/// code, 18 the check character. Pure functions; thread-safe. Whether positions 3-8 name a recorded division needs
/// the division registry and is checked by the organization grain.
/// </summary>
public static class UnifiedSocialCreditCode
{
    /// <summary>The code's character set in value order (0-30): digits and capitals without I, O, S, V, Z.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public const int Length = 18;

    /// <summary>Position 1 of codes issued by civil-affairs registration authorities.</summary>
    public const char CivilAffairsAuthority = '5';

    private const int Modulus = 31;

    /// <summary>Weight of position i (0-based) is 3^i mod 31.</summary>
    private static readonly int[] Weights = ComputeWeights();

    /// <summary>True for 18 characters of <see cref="Alphabet"/> (upper case); says nothing about their meaning.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: Length } && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>The type digit (position 2) for a kind.</summary>
    public static char KindDigit(OrganizationKind kind) => (char)('0' + (int)kind);

    /// <summary>The registering office's division code (positions 3-8) of a well-formed code.</summary>
    public static string DivisionCodeOf(string code) => code.Substring(2, 6);

    /// <summary>
    /// The check character for the first 17 characters: (31 - weighted sum mod 31) mod 31 mapped through
    /// <see cref="Alphabet"/>, so a sum divisible by 31 gives '0', never an index of 31.
    /// </summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException("The check character is computed over exactly 17 characters.",
                nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (value < 0)
            {
                throw new ArgumentException($"'{first17[i]}' is not a character of the code.", nameof(first17));
            }

            sum += value * Weights[i];
        }

        return Alphabet[(Modulus - sum % Modulus) % Modulus];
    }

    /// <summary>
    /// Every defect of <paramref name="code"/> for an organization of <paramref name="kind"/>: only
    /// <see cref="UsccDefect.Format"/> when the characters are wrong, otherwise authority, type and check in that
    /// order. Empty when the code is valid (positions 3-8 aside).
    /// </summary>
    public static IReadOnlyList<UsccDefect> Inspect(string? code, OrganizationKind kind)
    {
        if (!IsWellFormed(code))
        {
            return [UsccDefect.Format];
        }

        var defects = new List<UsccDefect>();
        if (code![0] != CivilAffairsAuthority)
        {
            defects.Add(UsccDefect.RegistrationAuthority);
        }

        if (code[1] != KindDigit(kind))
        {
            defects.Add(UsccDefect.KindMismatch);
        }

        if (code[^1] != CheckCharacter(code.AsSpan(0, Length - 1)))
        {
            defects.Add(UsccDefect.CheckCharacter);
        }

        return defects;
    }

    private static int[] ComputeWeights()
    {
        var weights = new int[Length - 1];
        var weight = 1;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = weight;
            weight = weight * 3 % Modulus;
        }

        return weights;
    }
}
