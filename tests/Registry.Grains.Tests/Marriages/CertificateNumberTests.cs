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
}
