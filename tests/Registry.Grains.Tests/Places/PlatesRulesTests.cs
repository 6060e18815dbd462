using NetTopologySuite.Geometries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Grains.Places;
using Registry.Grains.Places.Plates;

namespace Registry.Grains.Tests.Places;

/// <summary>The rules of house-number blocks and of signs, without a cluster.</summary>
public sealed class PlatesRulesTests
{
    private static readonly DateOnly Today = new(2026, 5, 4);

    /// <summary>A real line (the first of the shipped boundary-line excerpt, see the API tests' Places/Data
    /// ATTRIBUTION.md) standing in for a street line.</summary>
    private static readonly LineString Line = PlaceGeometry.Factory.CreateLineString(
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Places", "Data",
                "boundary-lines-excerpt.geojson")))!["features"]![1]!["geometry"]!["coordinates"]!.AsArray()
            .Select(c => new Coordinate((double)c![0]!, (double)c[1]!)).ToArray());

    /// <summary>A point beside the middle of segment <paramref name="segment"/>, <paramref name="offset"/> degrees to the
    /// left (positive) or right (negative) facing along the line.</summary>
    private static Point Beside(int segment, double offset)
    {
        var (a, b) = (Line.GetCoordinateN(segment), Line.GetCoordinateN(segment + 1));
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length = Math.Sqrt(dx * dx + dy * dy);
        return PlaceGeometry.Factory.CreatePoint(new Coordinate((a.X + b.X) / 2 - dy / length * offset, (a.Y + b.Y) / 2 + dx / length * offset));
    }

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;

    private static HouseNumberPlate Issue(HouseNumberBlock block, string number, Point at,
        IEnumerable<(int, double)>? neighbours = null) =>
        block.Issue(HouseNumber.Parse(number), at, Line, "test street", neighbours ?? [], "MP-" + number, Today);

    [Fact]
    public void Issue_SubNumbersNeedTheirBase_AndShareItsSideAndKey()
    {
        var block = new HouseNumberBlock(new HouseNumberBlockState());
        Assert.Equal("house-number-sub-without-base", Rule(() => Issue(block, "甲12", Beside(1, -0.0003))));
        Issue(block, "12", Beside(1, -0.0003));
        Assert.Equal("house-number-side", Rule(() => Issue(block, "12-1", Beside(1, 0.0003))));
        Issue(block, "12之1", Beside(1, -0.0004));
        Assert.Equal("house-number-duplicate", Rule(() => Issue(block, "12-1", Beside(1, -0.0005))));
        Assert.Equal(["12", "12-1"], block.Ordered().Select(p => p.Key));
    }

    [Fact]
    public void Issue_BaseNumbersRiseFromTheOrigin_IncludingNeighbouringBlocks()
    {
        var block = new HouseNumberBlock(new HouseNumberBlockState());
        Issue(block, "3", Beside(2, 0.0003));
        Assert.Equal("house-number-order", Rule(() => Issue(block, "5", Beside(1, 0.0003))));
        Assert.Equal("house-number-order", Rule(() => Issue(block, "1", Beside(3, 0.0003))));
        // 101 of the next block lies at segment 4: 7 must come before it.
        var at101 = PlaceGeometry.PositionAlong(Line, Beside(4, 0.0003).Coordinate);
        Assert.Equal("house-number-order", Rule(() => Issue(block, "7", Beside(5, 0.0003), [(101, at101)])));
        Issue(block, "7", Beside(3, 0.0003), [(101, at101)]);
        Assert.Equal("house-number-distance", Rule(() => Issue(block, "9", Beside(2, 0.05))));
    }

    [Fact]
    public void SignKinds_RoadSignsCarryNoAddress_PlatesNeedOne()
    {
        var number = HouseNumber.Parse("8");
        Assert.Equal("place-sign-address", Rule(() => PlaceSign.CheckKind(PlaceSignKind.RoadSign, PlaceCategory.Street, number, null, null, Today, Today)));
        Assert.Equal("field-required", Rule(() => PlaceSign.CheckKind(PlaceSignKind.DoorPlate, PlaceCategory.Street, null, null, null, Today, Today)));
        Assert.Equal("field-required", Rule(() => PlaceSign.CheckKind(PlaceSignKind.BuildingPlate, PlaceCategory.Street, number, " ", null, Today, Today)));
        Assert.Equal("place-sign-street", Rule(() => PlaceSign.CheckKind(PlaceSignKind.RoadSign, PlaceCategory.Park, null, null, null, Today, Today)));
        Assert.Equal("place-sign-date", Rule(() => PlaceSign.CheckKind(PlaceSignKind.LaneSign, PlaceCategory.Street, null, null, null, Today.AddDays(1), Today)));
        Assert.Equal((" 3号楼".Trim(), null), PlaceSign.CheckKind(PlaceSignKind.BuildingPlate, PlaceCategory.Street, number, " 3号楼", null, Today, Today));
    }

    [Fact]
    public void SignCondition_DatedInOrder_RemovalFinal()
    {
        var sign = new PlaceSign(new PlaceSignState());
        sign.Set("p1", 1, new SetPlaceSign(PlaceSignKind.RoadSign, null, null, null, Today.AddDays(-10)), "registrar-1", DateTimeOffset.UnixEpoch);
        Assert.Equal("place-sign-date", Rule(() => sign.Record(new RecordSignCondition(PlaceSignCondition.Maintained, Today.AddDays(-11), null), Today, "r", DateTimeOffset.UnixEpoch)));
        Assert.Equal("place-sign-condition", Rule(() => sign.Record(new RecordSignCondition(PlaceSignCondition.Set, Today, null), Today, "r", DateTimeOffset.UnixEpoch)));
        sign.Record(new RecordSignCondition(PlaceSignCondition.Replaced, Today.AddDays(-5), " 褪色 "), Today, "r", DateTimeOffset.UnixEpoch);
        sign.Record(new RecordSignCondition(PlaceSignCondition.Removed, Today, null), Today, "r", DateTimeOffset.UnixEpoch);
        Assert.Equal("place-sign-removed", Rule(() => sign.Record(new RecordSignCondition(PlaceSignCondition.Maintained, Today, null), Today, "r", DateTimeOffset.UnixEpoch)));
        var details = sign.Details();
        Assert.Equal(PlaceSignCondition.Removed, details.Condition);
        Assert.Equal("褪色", details.History[1].Note);
    }
}
