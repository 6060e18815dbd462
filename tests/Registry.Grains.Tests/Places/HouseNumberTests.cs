using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;

namespace Registry.Grains.Tests.Places;

/// <summary>House numbers as addresses write them, parsed without a cluster.</summary>
public sealed class HouseNumberTests
{
    [Theory]
    [InlineData("12", "12", "12号", StreetSide.Right, 0)]
    [InlineData("12号", "12", "12号", StreetSide.Right, 0)]
    [InlineData("甲12号", "甲12", "甲12号", StreetSide.Right, 0)]
    [InlineData("乙7", "乙7", "乙7号", StreetSide.Left, 0)]
    [InlineData("12-1", "12-1", "12-1号", StreetSide.Right, 0)]
    [InlineData("12之1号", "12-1", "12之1号", StreetSide.Right, 0)]
    [InlineData("１２－３", "12-3", "12-3号", StreetSide.Right, 0)]
    [InlineData("305", "305", "305号", StreetSide.Left, 3)]
    public void Parse_WrittenForms_KeyLabelSideAndBlock(string written, string key, string label, StreetSide side, int block)
    {
        var number = HouseNumber.Parse(written);
        Assert.Equal(key, number.Key);
        Assert.Equal(label, number.Label);
        Assert.Equal(side, number.Side);
        Assert.Equal(block, number.Block);
        Assert.Equal(key != number.Base.ToString(System.Globalization.CultureInfo.InvariantCulture), number.IsSubNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("12a")]
    [InlineData("子12")]
    [InlineData("甲12-1")]
    [InlineData("12-0")]
    [InlineData("100000")]
    [InlineData("12号楼")]
    public void Parse_NotAHouseNumber_Refused(string written) =>
        Assert.Equal("house-number-format", Assert.Throws<DomainException>(() => HouseNumber.Parse(written)).Rule);
}
