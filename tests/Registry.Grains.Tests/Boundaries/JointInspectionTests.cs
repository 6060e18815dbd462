using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Tests.Boundaries;

[Collection(RegistryClusterCollection.Name)]
public sealed class JointInspectionTests(RegistryClusterFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    /// <summary>A recorded line with its junction's three triple markers registered; returns the marker numbers.</summary>
    private async Task<(BoundaryData.ProvinceLine Line, string[] Markers)> LineWithMarkersAsync(int n)
    {
        var line = BoundaryData.Lines[n];
        await fixture.Grains.GetGrain<IBoundaryLineGrain>(line.Number).RecordAsync(new RecordBoundaryLine(
            line.DivisionA, line.DivisionB, GeometryWkb.From(line.Geometry), "agreement", null, "test", null));
        var at = line.Junctions[0].Point;
        var markers = "CDE".Select(code => MarkerNumber.Compose(line.Number, 1, code)).ToArray();
        foreach (var number in markers)
        {
            await fixture.Grains.GetGrain<IBoundaryMarkerGrain>(number)
                .RegisterAsync(new RegisterMarker(MarkerType.Triple, at.X, at.Y, null, [], [], "test", null));
        }

        return (line, markers);
    }

    private async Task<IJointInspectionGrain> OpenAsync(string line) =>
        fixture.Grains.GetGrain<IJointInspectionGrain>(
            await fixture.Grains.GetGrain<IBoundaryLineGrain>(line).OpenInspectionAsync(Today.Year, "five-yearly"));

    [Fact]
    public async Task Inspection_BothSidesSign_CompletesUpdatesLineAndMarkersAndTracksRepairs()
    {
        var (line, markers) = await LineWithMarkersAsync(7);
        var inspection = await OpenAsync(line.Number);
        var registered = line.Junctions[0].Point;
        // Found 0.002 degrees of latitude north of where it was registered.
        var surveyed = (Lon: registered.X, Lat: registered.Y + 0.002);

        await inspection.RecordFindingAsync(new RecordFinding(markers[0], FindingKind.Intact, null, null, null));
        var displaced = await inspection.RecordFindingAsync(new RecordFinding(markers[1], FindingKind.Displaced,
            surveyed.Lon, surveyed.Lat, "moved by road works"));
        await inspection.RecordFindingAsync(new RecordFinding(markers[2], FindingKind.Damaged, null, null, null));
        var first = await inspection.SignAsync(new SignInspection(line.DivisionA, "张三", null));
        var completed = await inspection.SignAsync(new SignInspection(line.DivisionB, "李四", null));

        Assert.Equal(Geodesy.DistanceMetres(registered.X, registered.Y, surveyed.Lon, surveyed.Lat),
            displaced.DisplacementMetres!.Value, 1e-9);
        Assert.InRange(displaced.DisplacementMetres!.Value, 200, 250);
        Assert.Equal(InspectionStatus.Open, first.Status);
        Assert.Equal(InspectionStatus.Completed, completed.Status);
        Assert.Equal(Today, completed.CompletedOn);
        Assert.Equal([markers[1], markers[2]], completed.Repairs.Select(r => r.MarkerNumber));
        Assert.Equal(Today, (await fixture.Grains.GetGrain<IBoundaryLineGrain>(line.Number).GetAsync())
            .LastCompletedInspection);
        var moved = await fixture.Grains.GetGrain<IBoundaryMarkerGrain>(markers[1]).GetAsync();
        Assert.Equal(MarkerCondition.Displaced, moved.Condition);
        Assert.Equal(registered.Y, moved.Lat);

        var openBefore = await fixture.Grains.GetGrain<IBoundaryReportGrain>(0).ListOpenRepairsAsync();
        Assert.Equal([markers[1], markers[2]], openBefore.Where(r => r.LineNumber == line.Number).Select(r => r.MarkerNumber));

        var repaired = await inspection.CompleteRepairAsync(new CompleteRepair(markers[1], Today, "reset on its position"));

        Assert.Equal(RepairStatus.Done, repaired.Repairs.Single(r => r.MarkerNumber == markers[1]).Status);
        Assert.Equal(RepairStatus.Open, repaired.Repairs.Single(r => r.MarkerNumber == markers[2]).Status);
        Assert.Equal(MarkerCondition.Intact,
            (await fixture.Grains.GetGrain<IBoundaryMarkerGrain>(markers[1]).GetAsync()).Condition);
        var openAfter = await fixture.Grains.GetGrain<IBoundaryReportGrain>(0).ListOpenRepairsAsync();
        Assert.Equal([markers[2]], openAfter.Where(r => r.LineNumber == line.Number).Select(r => r.MarkerNumber));
    }

    [Fact]
    public async Task SignAsync_SideNotPartyToTheLine_IsRefused()
    {
        var (line, markers) = await LineWithMarkersAsync(8);
        var inspection = await OpenAsync(line.Number);
        foreach (var marker in markers)
        {
            await inspection.RecordFindingAsync(new RecordFinding(marker, FindingKind.Intact, null, null, null));
        }

        var third = line.Junctions[0].Sides[2];
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            inspection.SignAsync(new SignInspection(third, "王五", null)));

        Assert.Equal("inspection-side-not-party", error.Rule);
        Assert.Empty((await inspection.GetAsync()).Signatures);
    }

    [Fact]
    public async Task SignAsync_BeforeEveryMarkerHasAFinding_IsRefused()
    {
        var (line, markers) = await LineWithMarkersAsync(9);
        var inspection = await OpenAsync(line.Number);
        await inspection.RecordFindingAsync(new RecordFinding(markers[0], FindingKind.Lost, null, null, null));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            inspection.SignAsync(new SignInspection(line.DivisionA, "张三", null)));

        Assert.Equal("inspection-findings-incomplete", error.Rule);
    }

    [Fact]
    public async Task RecordFindingAsync_KindNotOneOfTheFour_IsFindingKindAndStoresNothing()
    {
        var (line, markers) = await LineWithMarkersAsync(14);
        var inspection = await OpenAsync(line.Number);

        var error = await Assert.ThrowsAsync<DomainException>(() => inspection.RecordFindingAsync(
            new RecordFinding(markers[0], (FindingKind)9, null, null, null)));

        Assert.Equal("finding-kind", error.Rule);
        Assert.Empty((await inspection.GetAsync()).Findings);
    }

    [Fact]
    public async Task RecordFindingAsync_DisplacedWithoutPosition_OrAfterASignature_IsRefused()
    {
        var (line, markers) = await LineWithMarkersAsync(10);
        var inspection = await OpenAsync(line.Number);

        var missing = await Assert.ThrowsAsync<DomainException>(() => inspection.RecordFindingAsync(
            new RecordFinding(markers[0], FindingKind.Displaced, null, null, null)));
        Assert.Equal("finding-position-required", missing.Rule);

        foreach (var marker in markers)
        {
            await inspection.RecordFindingAsync(new RecordFinding(marker, FindingKind.Intact, null, null, null));
        }

        await inspection.SignAsync(new SignInspection(line.DivisionB, "李四", null));
        var signed = await Assert.ThrowsAsync<DomainException>(() => inspection.RecordFindingAsync(
            new RecordFinding(markers[0], FindingKind.Lost, null, null, null)));
        Assert.Equal("inspection-signed", signed.Rule);
    }

    [Fact]
    public async Task OverdueReport_LineInspectedToday_IsDueOnlyMoreThanFiveYearsLater()
    {
        var (line, markers) = await LineWithMarkersAsync(11);
        var inspection = await OpenAsync(line.Number);
        foreach (var marker in markers)
        {
            await inspection.RecordFindingAsync(new RecordFinding(marker, FindingKind.Intact, null, null, null));
        }

        await inspection.SignAsync(new SignInspection(line.DivisionA, "张三", null));
        await inspection.SignAsync(new SignInspection(line.DivisionB, "李四", null));
        var report = fixture.Grains.GetGrain<IBoundaryReportGrain>(0);

        Assert.DoesNotContain(await report.ListOverdueInspectionsAsync(Today.AddYears(5), 5, false),
            o => o.Number == line.Number);
        var overdue = await report.ListOverdueInspectionsAsync(Today.AddYears(5).AddDays(1), 5, false);
        Assert.Equal(Today, overdue.Single(o => o.Number == line.Number).LastCompletedInspection);
    }

    [Fact]
    public async Task OpenInspectionAsync_WhileAnotherIsOpen_IsRefused()
    {
        var (line, _) = await LineWithMarkersAsync(12);
        await OpenAsync(line.Number);

        var error = await Assert.ThrowsAsync<DomainException>(() => OpenAsync(line.Number));

        Assert.Equal("inspection-already-open", error.Rule);
    }

    [Fact]
    public async Task Inspection_EnteredFromTheArchive_KeepsItsRealDatesAndIsOverdueByThem()
    {
        var (line, markers) = await LineWithMarkersAsync(16);
        var opened = new DateOnly(1990, 4, 1);
        var id = await fixture.Grains.GetGrain<IBoundaryLineGrain>(line.Number)
            .OpenInspectionAsync(1990, "1990年联合检查（档案补录）", opened);
        var inspection = fixture.Grains.GetGrain<IJointInspectionGrain>(id);
        foreach (var marker in markers)
        {
            await inspection.RecordFindingAsync(new RecordFinding(marker, FindingKind.Intact, null, null, null));
        }

        var early = await Assert.ThrowsAsync<DomainException>(() =>
            inspection.SignAsync(new SignInspection(line.DivisionA, "张三", null, opened.AddDays(-1))));
        Assert.Equal("inspection-date-order", early.Rule);
        // The later signature, entered first, dates the completion.
        await inspection.SignAsync(new SignInspection(line.DivisionB, "李四", null, new DateOnly(1990, 6, 3)));
        var completed = await inspection.SignAsync(new SignInspection(line.DivisionA, "张三", null,
            new DateOnly(1990, 5, 20)));

        Assert.Equal(opened, completed.OpenedOn);
        Assert.Equal([new DateOnly(1990, 6, 3), new DateOnly(1990, 5, 20)], completed.Signatures.Select(s => s.SignedOn));
        Assert.Equal(new DateOnly(1990, 6, 3), completed.CompletedOn);
        var page = await fixture.Grains.GetGrain<IBoundaryReportGrain>(0)
            .PageOverdueInspectionsAsync(Today, 5, false, line.DivisionA, 0, 1000);
        Assert.Equal(new DateOnly(1990, 6, 3), page.Lines.Single(o => o.Number == line.Number).LastCompletedInspection);
    }
}
