using Registry.Abstractions.Divisions;
using Registry.Abstractions.Organizations;
using Registry.Grains.Tests.Divisions;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// Unified Social Credit Codes for tests, made from real division codes of the shipped lists and a serial
/// organization code, with the check character computed here independently of the production rule (weights as
/// powers of 3 mod 31, as GB 32100-2015 states them). Invalid codes are made by corrupting valid ones.
/// </summary>
public static class TestCodes
{
    public const string Characters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static int serial = Random.Shared.Next(1_000, 1_000_000);

    /// <summary>A fresh serial for this process: codes and names built from it do not collide.</summary>
    public static int NextSerial() => Interlocked.Increment(ref serial);

    /// <summary>County-level division codes of the official lists, in code order.</summary>
    public static IReadOnlyList<string> Counties { get; } = ReferenceDivisions.All
        .Where(d => d.Level == DivisionLevel.County)
        .Select(d => d.Code)
        .ToList();

    public static string County(int index) => Counties[index % Counties.Count];

    /// <summary>Counties below this index are named by tests that configure or count them (a county with its own
    /// filing window, the statistics tests' offices); <see cref="AnyCounty"/> never draws them.</summary>
    public const int NamedCounties = 600;

    /// <summary>A county for a test that needs any office: a fresh draw that is never one of the named counties, whose
    /// configuration or counts would otherwise depend on which serial a test happened to get, and is listed in every
    /// shipped edition, so a record dated any year of their span finds it in force (a county established since the
    /// earliest edition, e.g. 130284 滦州市, refuses a registration dated before it: a test drawing one by chance
    /// failed).</summary>
    public static string AnyCounty() => SteadyCounties[NextSerial() % SteadyCounties.Count];

    private static IReadOnlyList<string> SteadyCounties { get; } =
        Counties.Skip(NamedCounties).Where(EditionChanges.InEveryEdition).ToList();

    public static char Check(string first17)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            sum += Characters.IndexOf(c) * weight;
            weight = weight * 3 % 31;
        }

        return Characters[(31 - sum % 31) % 31];
    }

    /// <summary>Weighted sum of the first 17 characters mod 31, to find the edge case where it is 0.</summary>
    public static int SumMod31(string first17)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            sum += Characters.IndexOf(c) * weight;
            weight = weight * 3 % 31;
        }

        return sum % 31;
    }

    /// <summary>A valid civil-affairs code for <paramref name="kind"/> registered in <paramref name="division"/>.</summary>
    public static string Uscc(OrganizationKind kind, string division, int organizationSerial) =>
        WithCheck("5" + (char)('0' + (int)kind) + division + OrganizationCode(organizationSerial));

    public static string Uscc(OrganizationKind kind, string division) => Uscc(kind, division, NextSerial());

    /// <summary>Recomputes the check character of the first 17 characters.</summary>
    public static string WithCheck(string first17) => first17[..17] + Check(first17[..17]);

    /// <summary>The same code with every other check character (30 of them).</summary>
    public static IEnumerable<string> WithWrongChecks(string valid) =>
        Characters.Where(c => c != valid[17]).Select(c => valid[..17] + c);

    /// <summary>Replaces the character at 0-based <paramref name="index"/>.</summary>
    public static string Replace(string code, int index, char c) => code[..index] + c + code[(index + 1)..];

    /// <summary>Nine characters of the code's set encoding the serial in base 31.</summary>
    public static string OrganizationCode(int value)
    {
        var chars = new char[9];
        for (var i = 8; i >= 0; i--)
        {
            chars[i] = Characters[value % 31];
            value /= 31;
        }

        return new string(chars);
    }
}
