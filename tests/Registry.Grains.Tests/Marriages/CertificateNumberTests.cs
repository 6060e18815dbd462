using Registry.Abstractions.Marriages;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

public sealed class CertificateNumberTests
{
    [Theory]
    [InlineData(CertificateKind.Marriage, "J")]
    [InlineData(CertificateKind.Divorce, "L")]
    [InlineData(CertificateKind.MarriageReplacement, "BJ")]
    [InlineData(CertificateKind.DivorceReplacement, "BL")]
    public void Format_IsPrefixOfficeYearAndSixDigitSerial(CertificateKind kind, string prefix)
    {
        var office = TestPeople.CountyCodes[5];

        Assert.Equal($"{prefix}{office}-2026-000001", CertificateNumber.Format(kind, office, 2026, 1));
        Assert.Equal($"{prefix}{office}-2027-999999", CertificateNumber.Format(kind, office, 2027, 999_999));
    }

    [Fact]
    public void DivorceApplicationId_RoundTrips()
    {
        var marriage = MarriageId.New(DateTimeOffset.UnixEpoch.AddYears(56));

        Assert.True(DivorceApplicationId.TryParse(DivorceApplicationId.Format(marriage, 12), out var id, out var n));
        Assert.Equal((marriage, 12), (id, n));
        Assert.False(DivorceApplicationId.TryParse(marriage, out _, out _));
        Assert.False(DivorceApplicationId.TryParse(marriage + "-0", out _, out _));
        Assert.False(DivorceApplicationId.TryParse(marriage + "-x", out _, out _));
        Assert.False(DivorceApplicationId.TryParse(marriage.ToUpperInvariant() + "-1", out _, out _));
    }

    [Theory]
    [InlineData("京东结字第0123号", true)]
    [InlineData("(98)西结字第1234号", true)]
    [InlineData("（1998）崇结字第001号", true)]
    [InlineData("〔2001〕朝离字第77号", true)]
    [InlineData("J110101-2010-000123", true)]
    [InlineData("1998-0012", true)]
    [InlineData("结字第号", false)]
    [InlineData("结字第 12号", false)]
    [InlineData("结字第12号/", false)]
    [InlineData("j110101-2010-000123", false)]
    [InlineData("结字第１２号", false)]
    [InlineData("", false)]
    public void OriginalNumbers_AreWrittenAsOnPaper(string number, bool wellFormed) =>
        Assert.Equal(wellFormed, CertificateNumber.IsOriginalWellFormed(number));

    [Fact]
    public void OriginalNumbers_TooLongAreRefused() =>
        Assert.False(CertificateNumber.IsOriginalWellFormed("结" + new string('1', CertificateNumber.MaxOriginalLength)));

    [Fact]
    public void Keys_NationalNumbersAlone_EarlierOnesWithOfficeAndYear()
    {
        Assert.Equal("J110101-2010-000123", CertificateNumber.KeyOf("J110101-2010-000123", "370100", 1999));
        Assert.Equal("110101-1998-京东结字第0123号", CertificateNumber.KeyOf("京东结字第0123号", "110101", 1998));
        Assert.NotEqual(CertificateNumber.KeyOf("结字第1号", "110101", 1998),
            CertificateNumber.KeyOf("结字第1号", "110101", 1999));
        Assert.NotEqual(CertificateNumber.KeyOf("结字第1号", "110101", 1998),
            CertificateNumber.KeyOf("结字第1号", "110102", 1998));

        Assert.Equal("京东结字第0123号 (office 110101, 1998)",
            CertificateNumber.Describe(CertificateNumber.KeyOf("京东结字第0123号", "110101", 1998)));
        Assert.Equal("J110101-2010-000123", CertificateNumber.Describe("J110101-2010-000123"));
        Assert.Equal("东华门结字第12号 (office 110101001, 1998)",
            CertificateNumber.Describe(CertificateNumber.KeyOf("东华门结字第12号", "110101001", 1998)));

        // An earlier number written like a national one for another office is not that national number's key.
        Assert.False(CertificateNumber.IsWellFormed(CertificateNumber.KeyOf("J110101-2010-00012", "110101", 2010)));
    }
}
