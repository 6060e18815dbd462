using System.Globalization;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Tests.Persons;

public sealed class ResidentIdNumberTests
{
    private static readonly DateOnly Today = TestPeople.Today;

    /// <summary>
    /// The check character by ISO 7064 MOD 11-2, the scheme GB 11643 is built on, computed independently of the
    /// production weight table: weights are 2^(18-i) mod 11 and the check value c makes the weighted sum with c
    /// congruent to 1 mod 11 (10 is written X).
    /// </summary>
    private static char Oracle(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * (int)(Math.Pow(2, 17 - i) % 11);
        }

        var check = (12 - (sum % 11)) % 11;
        return check == 10 ? 'X' : (char)('0' + check);
    }

    private static IEnumerable<string> Generated(int count) =>
        Enumerable.Range(0, count).Select(i => TestPeople.Born(Today.AddDays(-7_000 - (i * 37)),
            i % 2 == 0 ? Sex.Male : Sex.Female));

    [Fact]
    public void Compose_RealDivisionCodes_CheckCharacterAgreesWithIso7064()
    {
        foreach (var number in Generated(500))
        {
            Assert.Equal(Oracle(number[..17]), number[17]);
        }
    }

    [Fact]
    public void TryParse_GeneratedNumber_IsValidAndDerivesBirthDateAndSex()
    {
        var county = TestPeople.CountyCodes[42];
        var born = new DateOnly(1990, 2, 28);

        var man = ResidentIdNumber.Compose(county, born, 123);
        var woman = ResidentIdNumber.Compose(county, born, 124);

        Assert.True(ResidentIdNumber.TryParse(man, Today, out var m, out var error), error.ToString());
        Assert.True(ResidentIdNumber.TryParse(woman, Today, out var w, out _));
        Assert.Equal((man, county, born, 123, Sex.Male), (m!.Number, m.AddressCode, m.BirthDate, m.Sequence, m.Sex));
        Assert.Equal(Sex.Female, w!.Sex);
        Assert.Equal(county[..2] + "0000", m.ProvinceCode);
    }

    [Fact]
    public void TryParse_AnySingleDigitChanged_IsRejected()
    {
        var valid = Generated(1).Single();
        for (var position = 0; position < 17; position++)
        {
            foreach (var digit in "0123456789".Where(d => d != valid[position]))
            {
                var corrupted = valid[..position] + digit + valid[(position + 1)..];

                Assert.False(ResidentIdNumber.TryParse(corrupted, Today, out _, out var error), corrupted);
                Assert.NotEqual(ResidentIdError.None, error);
            }
        }
    }

    [Fact]
    public void TryParse_WrongCheckCharacter_NamesTheCheckCharacterRule()
    {
        var valid = Generated(1).Single();
        var wrong = "0123456789X".First(c => c != valid[17]);

        Assert.False(ResidentIdNumber.TryParse(valid[..17] + wrong, Today, out _, out var error));
        Assert.Equal(ResidentIdError.CheckCharacter, error);
        Assert.Equal("id-number-check-character", ResidentIdNumber.RuleOf(error));
    }

    [Fact]
    public void TryParse_SwappedAdjacentDigits_IsRejected()
    {
        var valid = Generated(40).First(n => n[15] != n[16]);
        var swapped = valid[..15] + valid[16] + valid[15] + valid[17];

        Assert.False(ResidentIdNumber.TryParse(swapped, Today, out _, out var error));
        Assert.Equal(ResidentIdError.CheckCharacter, error);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void TryParse_WrongLength_IsFormat(int delta)
    {
        var valid = Generated(1).Single();
        var text = delta < 0 ? valid[..17] : valid + valid[^1];

        Assert.False(ResidentIdNumber.TryParse(text, Today, out _, out var error));
        Assert.Equal(ResidentIdError.Format, error);
    }

    [Fact]
    public void TryParse_LetterAmongTheFirst17_IsFormat()
    {
        var valid = Generated(1).Single();

        Assert.False(ResidentIdNumber.TryParse(valid[..5] + "A" + valid[6..], Today, out _, out var error));
        Assert.Equal(ResidentIdError.Format, error);
        Assert.False(ResidentIdNumber.TryParse(null, Today, out _, out error));
        Assert.Equal(ResidentIdError.Format, error);
    }

    [Fact]
    public void TryParse_DateThatDoesNotExist_IsBirthDate()
    {
        var county = TestPeople.CountyCodes[7];
        var first17 = string.Create(CultureInfo.InvariantCulture, $"{county}19900230{123:000}");

        Assert.False(ResidentIdNumber.TryParse(first17 + Oracle(first17), Today, out _, out var error));
        Assert.Equal(ResidentIdError.BirthDate, error);
    }

    [Fact]
    public void TryParse_BornAfterToday_IsBirthDate()
    {
        var tomorrow = ResidentIdNumber.Compose(TestPeople.CountyCodes[8], Today.AddDays(1), 5);
        var today = ResidentIdNumber.Compose(TestPeople.CountyCodes[8], Today, 5);

        Assert.False(ResidentIdNumber.TryParse(tomorrow, Today, out _, out var error));
        Assert.Equal(ResidentIdError.BirthDate, error);
        Assert.True(ResidentIdNumber.TryParse(today, Today, out _, out _));
    }

    [Fact]
    public void TryParse_ProvincePart00_IsAddressCode()
    {
        var real = Generated(1).Single();
        var first17 = "00" + real[2..17];

        Assert.False(ResidentIdNumber.TryParse(first17 + Oracle(first17), Today, out _, out var error));
        Assert.Equal(ResidentIdError.AddressCode, error);
    }

    [Fact]
    public void TryParse_LowerCaseX_IsNormalisedToUpperCase()
    {
        var withX = Enumerable.Range(0, 1_000)
            .Select(s => ResidentIdNumber.Compose(TestPeople.CountyCodes[3], new DateOnly(1985, 6, 1), s))
            .First(n => n[17] == 'X');

        Assert.True(ResidentIdNumber.TryParse(" " + withX.ToLowerInvariant() + " ", Today, out var id, out _));
        Assert.Equal(withX, id!.Number);
    }

    [Fact]
    public void Mask_ShowsTheFirstSixAndLastFourCharacters()
    {
        var number = Generated(1).Single();

        Assert.Equal(number[..6] + "********" + number[14..], ResidentIdNumber.Mask(number));
    }

    [Theory]
    [InlineData("2026-11-22", 21)]
    [InlineData("2026-11-23", 22)]
    public void AgeOn_IsReachedOnTheBirthday(string on, int expected)
    {
        var id = new ResidentId("", "", new DateOnly(2004, 11, 23), 1, Sex.Male);

        Assert.Equal(expected, id.AgeOn(DateOnly.Parse(on, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2026-02-28", 21)]
    [InlineData("2026-03-01", 22)]
    [InlineData("2028-02-29", 24)]
    public void AgeOn_BornOn29February_TurnsOlderOn1MarchInCommonYears(string on, int expected)
    {
        var id = new ResidentId("", "", new DateOnly(2004, 2, 29), 2, Sex.Female);

        Assert.Equal(expected, id.AgeOn(DateOnly.Parse(on, CultureInfo.InvariantCulture)));
    }
}
