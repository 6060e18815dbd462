using Registry.Abstractions.Places;
using Registry.Abstractions.Statistics;
using Registry.Grains.Statistics;
using Registry.Grains.Tests.Organizations;

namespace Registry.Grains.Tests.Statistics;

/// <summary>What plates and signs count in the statistics, computed from their records without a cluster.</summary>
public sealed class PlaceStatisticsTests
{
    [Fact]
    public void HouseNumbers_CountEachNumberAndItsCertificate_OnTheDayIssued_AtTheStreetsCounty()
    {
        var county = TestCodes.County(3);
        var township = county + "001";
        var plates = new[]
        {
            new HouseNumberPlate(12, [], StreetSide.Right, "MP-12", new DateOnly(2026, 3, 2)) { Key = "12" },
            new HouseNumberPlate(12, [], StreetSide.Right, "MP-12-1", new DateOnly(2026, 4, 9)) { Key = "12-1" },
        };

        var facts = PlaceNameStatistics.OfHouseNumbers("street-a", township, plates).Period;

        Assert.Equal(4, facts.Count);
        Assert.All(facts, f => Assert.Equal(county, f.Office));
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 9)],
            facts.Where(f => f.Figure == StatisticsFigures.HouseNumbersAssigned).Select(f => f.Date).Order());
        Assert.Equal(2, facts.Count(f => f.Figure == StatisticsFigures.PlateCertificates));
        Assert.Equal(4, facts.Select(f => f.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(PlaceSignKind.RoadSign, "roadSign")]
    [InlineData(PlaceSignKind.LaneSign, "laneSign")]
    [InlineData(PlaceSignKind.BuildingPlate, "building")]
    [InlineData(PlaceSignKind.DoorPlate, "door")]
    [InlineData(PlaceSignKind.UnitPlate, "unit")]
    public void A_Sign_CountsAsAPlateOfItsKind_OnTheDayItWasSet(PlaceSignKind kind, string figureKind)
    {
        var county = TestCodes.County(4);
        var day = new DateOnly(2026, 5, 6);

        var fact = Assert.Single(PlaceNameStatistics.OfSign("street-b.1", county, kind, day).Period);

        Assert.Equal(StatisticsFigures.PlatesSet(figureKind), fact.Figure);
        Assert.Equal(day, fact.Date);
        Assert.Contains(StatisticsFigures.All, f => f.Key == fact.Figure && f.Recorded);
    }
}
