using Orleans.Runtime;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Tests.Boundaries;

[Collection(RegistryClusterCollection.Name)]
public sealed class BoundaryLineAndMarkerTests(RegistryClusterFixture fixture)
{
    private IBoundaryLineGrain Line(string number) => fixture.Grains.GetGrain<IBoundaryLineGrain>(number);

    private IBoundaryMarkerGrain Marker(string number) => fixture.Grains.GetGrain<IBoundaryMarkerGrain>(number);

    private static RecordBoundaryLine Record(BoundaryData.ProvinceLine line) =>
        new(line.DivisionA, line.DivisionB, GeometryWkb.From(line.Geometry), "测试协议 (test)", null, "test", "cn-atlas");

    private static RegisterMarker Triple(NetTopologySuite.Geometries.Point at) =>
        new(MarkerType.Triple, at.X, at.Y, "花岗岩", ["landmark"], [], "test", null);

    [Fact]
    public async Task RecordAsync_LineBetweenTwoProvinces_StoresItWithItsGeodesicLengthAndIsIdempotent()
    {
        var line = BoundaryData.Lines[0];

        Assert.Equal(RecordChange.Created, await Line(line.Number).RecordAsync(Record(line)));
        Assert.Equal(RecordChange.Unchanged, await Line(line.Number).RecordAsync(Record(line)));

        var details = await Line(line.Number).GetAsync();
        Assert.Equal((line.DivisionA, line.DivisionB), (details.DivisionA, details.DivisionB));
        Assert.Equal(Geodesy.LengthMetres(line.Geometry), details.LengthMetres, 1e-6);
        Assert.True(details.LengthMetres > 0);
    }

    [Fact]
    public async Task GetHistoryAsync_AfterChanges_HasWhoWhenWhichOperationWhyAndWhatChangedInTheRecordsOwnState()
    {
        var line = BoundaryData.Lines[15];
        var number = MarkerNumber.Compose(line.Number, 1, 'C');
        RequestContext.Set(AuditScope.ActorKey, "registrar-zhao");
        try
        {
            await Line(line.Number).RecordAsync(Record(line));
            await Line(line.Number).UpdateAsync(new UpdateBoundaryLine(null, "新协议 (test)", null, "协议重签"));
            await Line(line.Number).UpdateAsync(new UpdateBoundaryLine(null, "新协议 (test)", null, "unchanged"));
            await Marker(number).RegisterAsync(Triple(line.Junctions[0].Point));
            await Marker(number).UpdateDetailsAsync(new UpdateMarkerDetails("混凝土", null, null, "更换材料"));
        }
        finally
        {
            RequestContext.Remove(AuditScope.ActorKey);
        }

        var lineHistory = await Line(line.Number).GetHistoryAsync();
        Assert.Equal(
            [(1, "record-line", "test", "line"), (2, "update-line", "协议重签", "agreement"),
             (3, "attach-marker", null, number)],
            lineHistory.Select(c => (c.Sequence, c.Operation, c.Reason, c.Changed)));
        Assert.All(lineHistory, c => Assert.Equal("registrar-zhao", c.Actor));
        Assert.All(lineHistory, c => Assert.Equal(fixture.Time.GetUtcNow(), c.At));
        var markerHistory = await Marker(number).GetHistoryAsync();
        Assert.Equal([("register-marker", "test", "marker"), ("update-marker", "更换材料", "material")],
            markerHistory.Select(c => (c.Operation, c.Reason, c.Changed)));
    }

    [Fact]
    public async Task RecordAsync_UnrecordedDivision_IsDivisionUnknown()
    {
        var line = BoundaryData.Lines[1];
        var unknown = ReferenceDivisions.UnrecordedCountyCode();
        var number = BoundaryLineNumber.For(line.DivisionA, unknown);

        var error = await Assert.ThrowsAsync<DomainException>(() => Line(number).RecordAsync(
            Record(line) with { DivisionB = unknown }));

        Assert.Equal("division-unknown", error.Rule);
        Assert.False(await Line(number).ExistsAsync());
    }

    [Fact]
    public async Task RegisterAsync_TripleAtAJunctionOfTheLine_RegistersAndIndexesAllThree()
    {
        var line = BoundaryData.Lines[2];
        await Line(line.Number).RecordAsync(Record(line));
        var junction = line.Junctions[0].Point;

        foreach (var code in "CDE")
        {
            Assert.Equal(RecordChange.Created,
                await Marker(MarkerNumber.Compose(line.Number, 1, code)).RegisterAsync(Triple(junction)));
        }

        var details = await Line(line.Number).GetAsync();
        Assert.Equal(["C", "D", "E"], details.Markers.Select(m => m[^1..]));
        var marker = await Marker(MarkerNumber.Compose(line.Number, 1, 'D')).GetAsync();
        Assert.Equal(MarkerType.Triple, marker.Type);
        Assert.Equal(MarkerCondition.Intact, marker.Condition);
        var box = Geodesy.BoxAround(junction.X, junction.Y, 10);
        var tile = SpatialTiling.TileOf(SpatialLayer.Markers, junction.X, junction.Y);
        var hits = await fixture.Grains.GetGrain<ISpatialTileGrain>(tile.Key).QueryBoxAsync(box, null, null);
        Assert.Equal(3, hits.Count(h => h.RecordKey.StartsWith(line.Number, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RegisterAsync_SingleMarkerOnASerialUsedByATriple_IsMarkerTypeMismatch()
    {
        var line = BoundaryData.Lines[3];
        await Line(line.Number).RecordAsync(Record(line));
        var junction = line.Junctions[0].Point;
        await Marker(MarkerNumber.Compose(line.Number, 1, 'C')).RegisterAsync(Triple(junction));

        var error = await Assert.ThrowsAsync<DomainException>(() => Marker(MarkerNumber.Compose(line.Number, 1, 'Q'))
            .RegisterAsync(new RegisterMarker(MarkerType.Single, junction.X, junction.Y, null, [], [], "test", null)));

        Assert.Equal("marker-type-mismatch", error.Rule);
        Assert.Contains("a triple marker; a single marker cannot share it", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DomainException>(() => Marker(MarkerNumber.Compose(line.Number, 1, 'Q')).GetAsync());
    }

    [Fact]
    public async Task RegisterAsync_TypeCodeOfAnotherType_IsMarkerTypeCode()
    {
        var line = BoundaryData.Lines[4];
        var junction = line.Junctions[0].Point;

        var error = await Assert.ThrowsAsync<DomainException>(() => Marker(MarkerNumber.Compose(line.Number, 2, 'Q'))
            .RegisterAsync(new RegisterMarker(MarkerType.Pair, junction.X, junction.Y, null, [], [], "test", null)));

        Assert.Equal("marker-type-code", error.Rule);
        Assert.StartsWith("A pair marker's number ends in", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_TypeNotSinglePairOrTriple_IsMarkerTypeAndStoresNothing()
    {
        var line = BoundaryData.Lines[13];
        await Line(line.Number).RecordAsync(Record(line));
        var junction = line.Junctions[0].Point;
        var number = MarkerNumber.Compose(line.Number, 1, 'C');

        var error = await Assert.ThrowsAsync<DomainException>(() => Marker(number).RegisterAsync(
            Triple(junction) with { Type = (MarkerType)7 }));

        Assert.Equal("marker-type", error.Rule);
        Assert.DoesNotContain(number, (await Line(line.Number).GetAsync()).Markers);
        await Assert.ThrowsAsync<DomainException>(() => Marker(number).GetAsync());
    }

    [Fact]
    public async Task RegisterAsync_PositionFarFromTheLine_IsMarkerFarFromLine()
    {
        var line = BoundaryData.Lines[5];
        await Line(line.Number).RecordAsync(Record(line));
        var elsewhere = BoundaryData.Lines.SelectMany(l => l.Junctions)
            .Select(j => j.Point)
            .First(p => Geodesy.DistanceToLinesMetres(p.X, p.Y, line.Geometry) > 10_000);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Marker(MarkerNumber.Compose(line.Number, 5, 'C')).RegisterAsync(Triple(elsewhere)));

        Assert.Equal("marker-far-from-line", error.Rule);
        Assert.DoesNotContain(MarkerNumber.Compose(line.Number, 5, 'C'), (await Line(line.Number).GetAsync()).Markers);
    }

    [Fact]
    public async Task RegisterAsync_LineNotRecorded_IsBoundaryLineUnknown()
    {
        var line = BoundaryData.Lines[^1];
        var junction = line.Junctions[0].Point;

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Marker(MarkerNumber.Compose(line.Number, 9, 'E')).RegisterAsync(Triple(junction)));

        Assert.Equal("boundary-line-unknown", error.Rule);
    }

    [Fact]
    public async Task RegisterAsync_SameNumberAtAnotherPosition_IsRefusedBecauseMarkersNeverMove()
    {
        var line = BoundaryData.Lines[6];
        await Line(line.Number).RecordAsync(Record(line));
        var junction = line.Junctions[0].Point;
        var number = MarkerNumber.Compose(line.Number, 1, 'E');
        await Marker(number).RegisterAsync(Triple(junction));

        var error = await Assert.ThrowsAsync<DomainException>(() => Marker(number).RegisterAsync(
            Triple(Wgs84.Point(junction.X + 0.0005, junction.Y))));

        Assert.Equal("marker-exists", error.Rule);
        Assert.Equal(junction.X, (await Marker(number).GetAsync()).Lon);
    }
}
