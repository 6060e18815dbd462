using Registry.Abstractions.Divisions;

namespace Registry.Abstractions.Tests.Divisions;

/// <summary>The pure jurisdiction rule, on the lineage of 东城区 (110101 under 110100 under 110000).</summary>
public sealed class JurisdictionTests
{
    private static readonly string[] Dongcheng = ["110101", "110100", "110000"];

    [Theory]
    [InlineData("110101", true)]
    [InlineData("110100", true)]
    [InlineData("110000", true)]
    [InlineData(Jurisdiction.NationalOffice, true)]
    [InlineData("110102", false)]
    [InlineData("440106", false)]
    [InlineData("440000", false)]
    public void Covers_OfficeOnTheLineageOrNational(string office, bool expected) =>
        Assert.Equal(expected, Jurisdiction.Covers(office, Dongcheng));

    [Fact]
    public void CoversWithoutLineage_OnlyTheOfficeItselfOrTheNationalOffice()
    {
        Assert.True(Jurisdiction.CoversWithoutLineage("110101", "110101"));
        Assert.True(Jurisdiction.CoversWithoutLineage(Jurisdiction.NationalOffice, "us-fips:06001"));
        Assert.False(Jurisdiction.CoversWithoutLineage("110000", "110101"));
    }

    [Theory]
    [InlineData("110101", true)]
    [InlineData("110101001", true)]
    [InlineData(Jurisdiction.NationalOffice, true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("1101", false)]
    [InlineData("001100", false)]
    public void IsOffice_SixOrNineDigitCodesAndTheNationalOffice(string? claim, bool expected) =>
        Assert.Equal(expected, Jurisdiction.IsOffice(claim));

    [Fact]
    public void IsReferenceArea_SchemeColonId() =>
        Assert.Equal((true, false), (Jurisdiction.IsReferenceArea("us-fips:06001"), Jurisdiction.IsReferenceArea("110101")));
}
