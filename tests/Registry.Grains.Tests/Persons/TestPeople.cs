using Registry.Abstractions.Divisions;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Tests.Persons;

/// <summary>
/// Resident ID numbers for tests, never typed by hand: a real county code from the shipped division lists, a birth
/// date and a sequence code, with the check character computed. Every number handed out in a test process is new.
/// </summary>
public static class TestPeople
{
    private static readonly Lazy<IReadOnlyList<string>> Counties = new(() =>
        ReferenceDivisions.All.Where(d => d.Level == DivisionLevel.County).Select(d => d.Code).ToList());

    private static int issued;

    /// <summary>The bureau's "today" of the test cluster's clock at its start.</summary>
    public static DateOnly Today { get; } = new(2026, 11, 23);

    public static IReadOnlyList<string> CountyCodes => Counties.Value;

    /// <summary>A man of about 30.</summary>
    public static string Man() => Born(Today.AddYears(-30).AddDays(-Next() % 3_000), Sex.Male);

    /// <summary>A woman of about 30.</summary>
    public static string Woman() => Born(Today.AddYears(-30).AddDays(-Next() % 3_000), Sex.Female);

    /// <summary>A new number for someone of <paramref name="sex"/> born on <paramref name="birthDate"/>.</summary>
    public static string Born(DateOnly birthDate, Sex sex)
    {
        var n = Next();
        var county = Counties.Value[n % Counties.Value.Count];
        var sequence = (n / Counties.Value.Count % 500 * 2) + (sex == Sex.Male ? 1 : 0);
        return ResidentIdNumber.Compose(county, birthDate, sequence);
    }

    /// <summary>A well-formed number whose province part (characters 1-2) is no recorded province.</summary>
    public static string WithUnrecordedProvince()
    {
        var provinces = ReferenceDivisions.All.Where(d => d.Level == DivisionLevel.Province)
            .Select(d => d.Code[..2]).ToHashSet();
        var prefix = Enumerable.Range(10, 90).Select(p => p.ToString("00")).First(p => !provinces.Contains(p));
        var real = Man();
        return ResidentIdNumber.Compose(prefix + real[2..6], Today.AddYears(-30), 1);
    }

    private static int Next() => Interlocked.Increment(ref issued);
}
