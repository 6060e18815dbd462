using System.Globalization;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Tests.Persons;

/// <summary>
/// The document formats of Marriage Registration Regulations art. 2. Valid numbers are composed from real codes (the
/// shipped division lists, the embedded ISO 3166-1 list) and a check character computed by ISO 7064 MOD 11-2
/// independently of the production weight table; the 15-digit conversion is checked against the example number
/// printed in GB 11643-1999 itself.
/// </summary>
public sealed class IdentityDocumentTests
{
    private static readonly DateOnly Today = TestPeople.Today;

    private static readonly string Province =
        ReferenceDivisions.All.First(d => d.Level == DivisionLevel.Province).Code[..2];

    /// <summary>ISO 7064 MOD 11-2: weights 2^(17-i) mod 11; the check makes the weighted sum congruent to 1.</summary>
    private static string WithCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * (int)(Math.Pow(2, 17 - i) % 11);
        }

        var check = (12 - (sum % 11)) % 11;
        return first17 + (check == 10 ? 'X' : (char)('0' + check));
    }

    private static string Corrupt(string number) =>
        number[..17] + (number[17] == '0' ? '1' : '0');

    private static string Date(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    [Fact]
    public void TryUpgrade_TheStandardsExample_GivesItsEighteenCharacters()
    {
        // GB 11643-1999 illustrates the number with 11010519491231002X (Chaoyang District, Beijing, born
        // 1949-12-31, a woman); its 15-digit predecessor drops the century and the check character.
        Assert.True(ResidentIdNumber.TryUpgrade("110105491231002", out var upgraded));
        Assert.Equal("11010519491231002X", upgraded);

        Assert.True(IdentityDocument.TryParse(IdentityDocumentType.ResidentId, "110105491231002", null, Today,
            out var document, out _, out _));
        Assert.Equal("11010519491231002X", document!.Key);
        Assert.Equal(Sex.Female, document.Sex);
        Assert.Equal(new DateOnly(1949, 12, 31), document.BirthDate);
    }

    [Fact]
    public void TryUpgrade_NotFifteenDigits_IsFalse()
    {
        Assert.False(ResidentIdNumber.TryUpgrade("11010549123100", out _));
        Assert.False(ResidentIdNumber.TryUpgrade("11010549123100X", out _));
    }

    [Theory]
    [InlineData("810000")]
    [InlineData("820000")]
    [InlineData("830000")]
    public void TryParse_ResidencePermit_CarriesBirthDateAndSex(string addressCode)
    {
        var born = Today.AddYears(-31);
        var number = WithCheck(addressCode + Date(born) + "003");

        Assert.True(IdentityDocument.TryParse(IdentityDocumentType.ResidencePermit, number, null, Today,
            out var document, out _, out _));
        Assert.Equal(number, document!.Key);
        Assert.Equal(Sex.Male, document.Sex);
        Assert.Equal(born, document.BirthDate);
        Assert.False(document.IsMainlandResident);
        Assert.True(IdentityDocument.TryParseKey(number, Today, out var fromKey, out _, out _));
        Assert.Equal(IdentityDocumentType.ResidencePermit, fromKey!.Type);
    }

    [Fact]
    public void TryParse_ResidencePermitWrongCheckOrPrefix_NamesTheRule()
    {
        var number = WithCheck("810000" + Date(Today.AddYears(-30)) + "002");

        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.ResidencePermit, Corrupt(number), null, Today,
            out _, out var rule, out _));
        Assert.Equal("residence-permit-check-character", rule);

        var resident = TestPeople.Man();
        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.ResidencePermit, resident, null, Today, out _,
            out rule, out _));
        Assert.Equal("residence-permit-format", rule);

        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.ResidentId, number, null, Today, out _,
            out rule, out _));
        Assert.Equal("document-type-mismatch", rule);
    }

    [Fact]
    public void TryParse_PermanentResidenceId2023_CarriesTheBirthDateOnly()
    {
        var born = Today.AddYears(-40);
        var number = WithCheck("9" + Province + "840" + Date(born) + "001");

        Assert.True(IdentityDocument.TryParse(IdentityDocumentType.PermanentResidenceId, number, null, Today,
            out var document, out _, out _));
        Assert.Equal(born, document!.BirthDate);
        Assert.Null(document.Sex);
        Assert.True(IdentityDocument.TryParseKey(number, Today, out var fromKey, out _, out _));
        Assert.Equal(IdentityDocumentType.PermanentResidenceId, fromKey!.Type);
    }

    [Fact]
    public void TryParse_PermanentResidenceIdWrongCheckOrNationality_NamesTheRule()
    {
        var born = Date(Today.AddYears(-40));
        var number = WithCheck("9" + Province + "840" + born + "001");
        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.PermanentResidenceId, Corrupt(number), null,
            Today, out _, out var rule, out _));
        Assert.Equal("permanent-residence-id-check-character", rule);

        // 000 is no assigned ISO 3166-1 numeric code.
        Assert.False(CountryCodes.IsNumeric("000"));
        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.PermanentResidenceId,
            WithCheck("9" + Province + "000" + born + "001"), null, Today, out _, out rule, out _));
        Assert.Equal("permanent-residence-id-nationality", rule);

        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.PermanentResidenceId, TestPeople.Man(), null,
            Today, out _, out rule, out _));
        Assert.Equal("permanent-residence-id-format", rule);
    }

    [Theory]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "H12345678", true)]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "M1234567801", true)]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "X12345678", false)]
    [InlineData(IdentityDocumentType.HongKongMacaoTravelPermit, "H1234567", false)]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "12345678", true)]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "1234567890", true)]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "123456789", false)]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, "T2345678", false)]
    public void TryParse_TravelPermits_FollowTheirFormat(IdentityDocumentType type, string number, bool valid)
    {
        Assert.Equal(valid, IdentityDocument.TryParse(type, number, null, Today, out var document, out var rule,
            out _));
        if (valid)
        {
            Assert.Null(document!.Sex);
            Assert.Null(document.BirthDate);
            Assert.True(IdentityDocument.TryParseKey(document.Key, Today, out var fromKey, out _, out _));
            Assert.Equal(document, fromKey);
        }
        else
        {
            Assert.Equal("travel-permit-format", rule);
        }
    }

    [Fact]
    public void TryParse_Passport_NeedsAnAssignedCountryAndKeysByIt()
    {
        Assert.True(IdentityDocument.TryParse(IdentityDocumentType.Passport, "e1234567", "usa", Today,
            out var document, out _, out _));
        Assert.Equal("passport:USA:E1234567", document!.Key);
        Assert.True(IdentityDocument.TryParseKey("passport:USA:E1234567", Today, out var fromKey, out _, out _));
        Assert.Equal(document, fromKey);

        // UTO is the fictional state of ICAO Doc 9303's specimens: not assigned in ISO 3166-1.
        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.Passport, "E1234567", "UTO", Today, out _,
            out var rule, out _));
        Assert.Equal("passport-country", rule);
        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.Passport, "E1-234", "USA", Today, out _,
            out rule, out _));
        Assert.Equal("passport-number-format", rule);
    }

    [Fact]
    public void Mask_KeepsPrefixAndCountry()
    {
        Assert.Equal("passport:USA:E1****67", IdentityDocument.Mask("passport:USA:E1234567"));
        Assert.Equal("110105********002X", IdentityDocument.Mask("11010519491231002X"));
    }

    [Fact]
    public void AnUnrecordedParty_IsNamedByItsRecordAndSide_ReadBackFromItsKey_AndNeverParsedFromANumber()
    {
        var record = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var a = IdentityDocument.OfUnrecordedParty(record, sideA: true);

        Assert.Equal($"unrecorded:{record.ToUpperInvariant()}-A", a.Key);
        Assert.Equal(a.Key, IdentityDocument.OfUnrecordedParty(record, sideA: true).Key);
        Assert.NotEqual(a.Key, IdentityDocument.OfUnrecordedParty(record, sideA: false).Key);
        Assert.Equal(a.Key, IdentityDocument.Mask(a.Key));
        Assert.True(a.IsMainlandResident);
        Assert.Null(a.BirthDate);

        // Its key reads back in any case, as a URL may carry it.
        Assert.True(IdentityDocument.TryParseKey(a.Key.ToLowerInvariant(), Today, out var fromKey, out _, out _));
        Assert.Equal(a, fromKey);
        Assert.False(IdentityDocument.TryParseKey("unrecorded:" + record + "-C", Today, out _, out var rule, out _));
        Assert.Equal("unrecorded-party-format", rule);

        // No number makes one: a party who appears presents a document.
        Assert.False(IdentityDocument.TryParse(IdentityDocumentType.Unrecorded, a.Number, null, Today, out _,
            out rule, out _));
        Assert.Equal("document-unrecorded", rule);
    }
}
