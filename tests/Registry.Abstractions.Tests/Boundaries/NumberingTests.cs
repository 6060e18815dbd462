using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Hosting.Divisions;

namespace Registry.Abstractions.Tests.Boundaries;

public sealed class NumberingTests
{
    private static readonly Lazy<IReadOnlyList<(string Code, DivisionLevel Level)>> divisions = new(() =>
        DivisionReferenceData.Load(DivisionReferenceData.DefaultDirectory,
                new DivisionEvent(1, DivisionEventKind.Recorded, null, DateTimeOffset.UnixEpoch, "test", null, null,
                    null, null))
            .Select(d => (d.Code, d.Level)).ToList());

    private static string[] Two(DivisionLevel level) =>
        divisions.Value.Where(d => d.Level == level).Select(d => d.Code).Skip(3).Take(2).ToArray();

    [Fact]
    public void LineNumber_TwoProvinces_IsTheirTwoDigitCodesSmallerFirst()
    {
        var (a, b) = (Two(DivisionLevel.Province)[0], Two(DivisionLevel.Province)[1]);

        Assert.Equal(a[..2] + b[..2], BoundaryLineNumber.For(b, a));
        Assert.Equal(4, BoundaryLineNumber.For(a, b).Length);
    }

    [Fact]
    public void LineNumber_TwoPrefectures_IsTheirFourDigitCodes()
    {
        var (a, b) = (Two(DivisionLevel.Prefecture)[0], Two(DivisionLevel.Prefecture)[1]);

        Assert.Equal(a[..4] + b[..4], BoundaryLineNumber.For(a, b));
    }

    [Fact]
    public void LineNumber_TwoReferenceAreas_NamesSchemeAndBothIds()
    {
        Assert.Equal("us-fips:04015~32017", BoundaryLineNumber.For("us-fips:32017", "us-fips:04015"));
        Assert.True(BoundaryLineNumber.IsWellFormed("us-fips:04015~32017"));
    }

    [Fact]
    public void LineNumber_SameDivisionTwiceOrMixedSchemes_IsRefused()
    {
        var province = Two(DivisionLevel.Province)[0];

        Assert.Equal("boundary-line-sides",
            Assert.Throws<DomainException>(() => BoundaryLineNumber.For(province, province)).Rule);
        Assert.Equal("boundary-line-sides",
            Assert.Throws<DomainException>(() => BoundaryLineNumber.For(province, "us-fips:04015")).Rule);
    }

    [Fact]
    public void MarkerNumber_ComposedFromALine_ParsesBackIntoItsParts()
    {
        var line = BoundaryLineNumber.For(Two(DivisionLevel.Province)[0], Two(DivisionLevel.Province)[1]);

        var number = MarkerNumber.Compose(line, 7, 'Q');

        Assert.Equal(line.Length + 4, number.Length);
        Assert.Equal((line, 7, 'Q'), MarkerNumber.Parse(number));
    }

    [Theory]
    [InlineData('Q', MarkerType.Single)]
    [InlineData('A', MarkerType.Pair)]
    [InlineData('B', MarkerType.Pair)]
    [InlineData('C', MarkerType.Triple)]
    [InlineData('D', MarkerType.Triple)]
    [InlineData('E', MarkerType.Triple)]
    public void MarkerNumber_TypeCode_TellsTheMarkerType(char code, MarkerType type)
    {
        Assert.Equal(type, MarkerNumber.TypeOfCode(code));
        Assert.Contains(code, MarkerNumber.CodesOf(type));
    }

    [Fact]
    public void MarkerNumber_SerialZeroUnknownCodeOrNoLine_IsNotANumber()
    {
        var line = BoundaryLineNumber.For(Two(DivisionLevel.Province)[0], Two(DivisionLevel.Province)[1]);

        Assert.Null(MarkerNumber.Parse(line + "000Q"));
        Assert.Null(MarkerNumber.Parse(line + "001X"));
        Assert.Null(MarkerNumber.Parse("001Q"));
        Assert.Null(MarkerNumber.Parse(line[..2] + "001Q"));
    }
}
