using Registry.Abstractions.Divisions;
using Registry.Abstractions.Persons;
using Registry.Hosting.Divisions;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// One API for the marriage registry's HTTP tests, on a fresh data directory. Its calendar starts on Monday
/// 2 March 2026 so the shipped 2026 holidays lie ahead of it; only <see cref="DivorceEndpointsTests"/>' year-long
/// scenario moves it, every other test works on whatever day it is.
/// </summary>
public sealed class MarriageApiFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<string>> Counties = new(() =>
        DivisionReferenceData.Load(DivisionReferenceData.DefaultDirectory,
                new DivisionEvent(1, DivisionEventKind.Recorded, null, DateTimeOffset.UnixEpoch, "test", null, null,
                    null, null))
            .Where(d => d.Level == DivisionLevel.County)
            .Select(d => d.Code)
            .ToList());

    private static int issued;

    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "registry-marriage-api-" + Guid.NewGuid().ToString("N"));

    public MarriageApiFactory Api { get; private set; } = null!;

    /// <summary>A marriage registrar of the national office: reads, and acts that are not tied to an office.</summary>
    public HttpClient Registrar => Api.ClientAs("registrar-1", "registrar.marriage");

    /// <summary>A marriage registrar working at <paramref name="office"/>, where marriages and divorces are
    /// registered.</summary>
    public HttpClient RegistrarAt(string office) => Api.RegistrarAt(office);

    public ValueTask InitializeAsync()
    {
        Api = new MarriageApiFactory(DataDirectory, Start);
        _ = Api.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>A county code from the official lists (offices are taken from the end, identities from the
    /// start).</summary>
    public static string Office(int n) => Counties.Value[Counties.Value.Count - 1 - n];

    /// <summary>An office different from every other call's.</summary>
    public static string NextOffice() => Office(100 + (Interlocked.Increment(ref issued) % 2_000));

    /// <summary>A new resident ID number: a real county code, a birth date about 30 years back, a sequence code of the
    /// right parity, and its check character.</summary>
    public static string Person(Sex sex) =>
        Born(DateOnly.FromDateTime(Start.UtcDateTime).AddYears(-30).AddDays(-(issued % 1_000)), sex);

    public static string Born(DateOnly birthDate, Sex sex)
    {
        var n = Interlocked.Increment(ref issued);
        var county = Counties.Value[n % Counties.Value.Count];
        var sequence = (n / Counties.Value.Count % 500 * 2) + (sex == Sex.Male ? 1 : 0);
        return ResidentIdNumber.Compose(county, birthDate, sequence);
    }

    public static string Man() => Person(Sex.Male);

    /// <summary>A well-formed 6-digit code in a recorded prefecture that no list records.</summary>
    public static string UnrecordedOffice()
    {
        var codes = Counties.Value.ToHashSet();
        var prefecture = Counties.Value[0][..4];
        return Enumerable.Range(1, 99).Select(n => $"{prefecture}{n:00}").First(code => !codes.Contains(code));
    }

    /// <summary>A well-formed ID number whose province part is no recorded province.</summary>
    public static string UnrecordedProvinceIdNumber()
    {
        var provinces = Counties.Value.Select(c => c[..2]).ToHashSet();
        var prefix = Enumerable.Range(10, 90).Select(p => p.ToString("00")).First(p => !provinces.Contains(p));
        return ResidentIdNumber.Compose(prefix + Counties.Value[0][2..], DateOnly.FromDateTime(Start.UtcDateTime)
            .AddYears(-30), 1);
    }

    public static string Woman() => Person(Sex.Female);

    /// <summary>The same number with a wrong check character.</summary>
    public static string Corrupted(string number) => number[..17] + "0123456789X".First(c => c != number[17]);

    public static object Registration(string a, string b, string office) => new
    {
        office,
        partyA = new { idNumber = a, name = "张" + GivenName(a), nationality = "中国" },
        partyB = new { idNumber = b, name = "李" + GivenName(b), nationality = "中国" },
        declarations = new { noSpouse = true, noProhibitedKinship = true },
        bothPresent = true,
    };

    /// <summary>A party's entry in a divorce application as a registrar records both parties coming in person: the
    /// document they were registered with, present, agreement signed, their own declarations made.</summary>
    public static object DivorceApplicant(string idNumber) => new
    {
        idNumber,
        appearedInPerson = true,
        signedAgreement = true,
        declarations = new { voluntary = true, truthful = true },
    };

    /// <summary>A divorce application of parties <paramref name="a"/> and <paramref name="b"/> (their resident ID
    /// numbers), with an agreement stating the wish to divorce and every arrangement.</summary>
    public static object DivorceApplication(string? marriageId, string office, string a, string b) => new
    {
        marriageId,
        office,
        agreement = "离婚协议书 (test)",
        agreementStates = new { wishToDivorce = true, children = true, property = true, debts = true },
        parties = new[] { DivorceApplicant(a), DivorceApplicant(b) },
    };

    /// <summary>A divorce registration with both parties appearing in person and confirming it.</summary>
    public static object DivorceRegistration(string office, string a, string b) => new
    {
        office,
        parties = new[] { a, b }.Select(idNumber => new { idNumber, appearedInPerson = true, confirmsDivorce = true }),
    };

    /// <summary>
    /// A given name told apart by the number's last three digits, written as Han numerals: a person's name holds only
    /// what an identity document can (no digits).
    /// </summary>
    private static string GivenName(string idNumber) =>
        string.Concat(idNumber[^4..^1].Select(digit => "零一二三四五六七八九"[digit - '0']));
}
