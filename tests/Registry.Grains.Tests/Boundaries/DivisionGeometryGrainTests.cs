using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;
using NetTopologySuite.Simplify;
using Orleans.Runtime;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Tests;
using Registry.Grains.Boundaries;
using Registry.Grains.Tests.Spatial;

namespace Registry.Grains.Tests.Boundaries;

[Collection(RegistryClusterCollection.Name)]
public sealed class DivisionGeometryGrainTests(RegistryClusterFixture fixture)
{
    private static readonly Lazy<IReadOnlyList<(string Id, string Name, Geometry Geometry)>> counties = new(() =>
        SharedData.Read(SharedData.PathOf("us/counties.geojson"))
            .Where(c => new IsValidOp(c.Geometry!).IsValid && c.Geometry is Polygon { NumPoints: > 30 })
            .Select(c => (c.Feature.Id!, c.Feature.Text("name")!, c.Geometry!))
            .ToList());

    /// <summary>A different real county (valid, not tiny) for each test, as a reference area.</summary>
    private static (string Key, string Name, Geometry Geometry) County(int n) =>
        ("us-fips:" + counties.Value[n * 7].Id, counties.Value[n * 7].Name, counties.Value[n * 7].Geometry);

    private IDivisionGeometryGrain Grain(string key) => fixture.Grains.GetGrain<IDivisionGeometryGrain>(key);

    private static SetDivisionGeometry Set(Geometry geometry, DateOnly? from, string name = "test", string reason = "test") =>
        new(GeometryWkb.From(geometry), from, reason, name, DivisionLevel.County, "us-atlas");

    private async Task<IReadOnlyList<SpatialHit>> QueryAsync(Point point, DateOnly asOf) =>
        await fixture.Grains.GetGrain<ISpatialTileGrain>(SpatialTiling.TileOf(SpatialLayer.Divisions, point.X, point.Y).Key)
            .QueryPointAsync(point.X, point.Y, asOf);

    [Fact]
    public async Task SetAsync_LaterEffectiveDate_AddsAVersionAndAsOfAnswersWithTheOneInForce()
    {
        var (key, name, geometry) = County(1);
        var simplified = TopologyPreservingSimplifier.Simplify(geometry, 0.01);
        var v1From = new DateOnly(2020, 1, 1);
        var v2From = new DateOnly(2024, 7, 1);

        Assert.Equal(RecordChange.Created, (await Grain(key).SetAsync(Set(geometry, v1From, name))).Change);
        var second = await Grain(key).SetAsync(Set(simplified, v2From, name));

        Assert.Equal(RecordChange.NewVersion, second.Change);
        Assert.Equal(2, second.Version);
        Assert.True((await Grain(key).GetAsync(v2From.AddDays(-1))).Geometry.ToGeometry().EqualsExact(geometry.Normalized()));
        Assert.True((await Grain(key).GetAsync(v2From)).Geometry.ToGeometry().EqualsExact(simplified.Normalized()));
        var versions = await Grain(key).GetVersionsAsync();
        Assert.Equal([v1From, v2From], versions.Select(v => v.From!.Value));
        Assert.Equal(v2From, versions[0].Until);
        Assert.Null(versions[1].Until);
        Assert.Equal(name, (await Grain(key).GetAsync(v2From)).Name);
        var missing = await Assert.ThrowsAsync<DomainException>(() => Grain(key).GetAsync(v1From.AddDays(-1)));
        Assert.Equal("division-geometry-not-found", missing.Rule);
    }

    [Fact]
    public async Task SetAsync_KeepsTheOfficeForThePublicHistory_AndTheAccountBesideIt()
    {
        var (key, name, geometry) = County(11);
        RequestContext.Set(AuditScope.ActorKey, "gis-clerk-wang");
        RequestContext.Set(AuditScope.OfficeKey, "110101");
        try
        {
            await Grain(key).SetAsync(Set(geometry, null, name));
        }
        finally
        {
            RequestContext.Clear();
        }

        var stored = await fixture.StoredStateAsync<DivisionGeometryState>(StorageNames.DivisionGeometry, key);
        var version = Assert.Single(stored!.Versions);
        Assert.Equal(("110101", "gis-clerk-wang"), (version.RecordedBy, version.Account));
        Assert.Equal("110101", Assert.Single(await Grain(key).GetVersionsAsync()).RecordedBy);
    }

    [Fact]
    public async Task SetAsync_SameGeometryAndDateAgain_IsUnchangedAndStoresNothing()
    {
        var (key, name, geometry) = County(2);
        await Grain(key).SetAsync(Set(geometry, null, name));
        var version = await fixture.StoredVersionAsync(StorageNames.DivisionGeometry, key);

        var again = await Grain(key).SetAsync(Set(geometry, null, name, "second run"));

        Assert.Equal(RecordChange.Unchanged, again.Change);
        Assert.Equal(version, await fixture.StoredVersionAsync(StorageNames.DivisionGeometry, key));
    }

    [Fact]
    public async Task SetAsync_SameDateNewGeometry_CorrectsThatVersion()
    {
        var (key, name, geometry) = County(3);
        var from = new DateOnly(2021, 3, 1);
        await Grain(key).SetAsync(Set(geometry, from, name));

        var corrected = await Grain(key).SetAsync(Set(TopologyPreservingSimplifier.Simplify(geometry, 0.01), from, name));

        Assert.Equal(RecordChange.Corrected, corrected.Change);
        var versions = await Grain(key).GetVersionsAsync();
        Assert.Single(versions);
        Assert.Equal(1, versions[0].Corrections);
    }

    [Fact]
    public async Task SetAsync_EarlierThanTheLatestVersion_IsRefusedAsOutOfOrder()
    {
        var (key, name, geometry) = County(4);
        var from = new DateOnly(2022, 1, 1);
        await Grain(key).SetAsync(Set(geometry, from, name));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Grain(key).SetAsync(Set(TopologyPreservingSimplifier.Simplify(geometry, 0.01), from.AddDays(-1), name)));

        Assert.Equal("geometry-change-order", error.Rule);
        Assert.Single(await Grain(key).GetVersionsAsync());
    }

    [Fact]
    public async Task SetAsync_InvalidShippedPolygon_IsRefusedNamingTheNtsReasonAndNothingIsStored()
    {
        var invalid = ReferenceGeometry.Provinces.First(p => !p.Valid && p.Registered);
        // The seed stores the repaired outline (GeometryFixer); the invalid source itself must still be refused.
        var before = await Grain(invalid.Code).GetVersionsAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => Grain(invalid.Code).SetAsync(
            new SetDivisionGeometry(GeometryWkb.From(invalid.Geometry), null, "test", null, null, null)));

        Assert.Equal("geometry-invalid", error.Rule);
        Assert.Contains(new IsValidOp(invalid.Geometry).ValidationError.Message, error.Message);
        Assert.Equal(before.Select(v => v.Number), (await Grain(invalid.Code).GetVersionsAsync()).Select(v => v.Number));
    }

    [Fact]
    public async Task SetAsync_RegistryCodeNotRecorded_IsDivisionNotFound()
    {
        var (_, _, geometry) = County(5);

        var error = await Assert.ThrowsAsync<DomainException>(() => Grain(ReferenceDivisions.UnrecordedCountyCode())
            .SetAsync(new SetDivisionGeometry(GeometryWkb.From(geometry), null, "test", null, null, null)));

        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Equal("division-not-found", error.Rule);
    }

    [Fact]
    public async Task SetAsync_ReferenceAreaWithoutName_IsRefused()
    {
        var (key, _, geometry) = County(6);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Grain(key).SetAsync(new SetDivisionGeometry(GeometryWkb.From(geometry), null, "test", null,
                DivisionLevel.County, null)));

        Assert.Equal("reference-area-name-required", error.Rule);
    }

    [Fact]
    public async Task SetAsync_ReferenceAreaLevelNotOneOfTheFour_IsDivisionLevelAndStoresNothing()
    {
        var (key, name, geometry) = County(20);

        var error = await Assert.ThrowsAsync<DomainException>(() => Grain(key).SetAsync(
            Set(geometry, null, name) with { Level = (DivisionLevel)7 }));

        Assert.Equal("division-level", error.Rule);
        Assert.Empty(await Grain(key).GetVersionsAsync());
    }

    [Fact]
    public async Task TileQuery_AfterAWrite_FindsTheAreaOnlyFromItsEffectiveDate()
    {
        var (key, name, geometry) = County(7);
        var from = new DateOnly(2023, 5, 1);
        var point = ReferenceGeometry.InteriorPoint(geometry);

        await Grain(key).SetAsync(Set(geometry, from, name));

        Assert.Contains(await QueryAsync(point, from), h => h.RecordKey == key && h.Label == name);
        Assert.DoesNotContain(await QueryAsync(point, from.AddDays(-1)), h => h.RecordKey == key);
    }

    [Fact]
    public async Task TileQuery_AfterEveryActivationIsCollected_RebuildsFromTheRecords()
    {
        var (key, name, geometry) = County(8);
        var point = ReferenceGeometry.InteriorPoint(geometry);
        await Grain(key).SetAsync(Set(geometry, null, name));
        var tile = fixture.Grains.GetGrain<ISpatialTileGrain>(
            SpatialTiling.TileOf(SpatialLayer.Divisions, point.X, point.Y).Key);
        var before = (await tile.GetSnapshotAsync()).Stamp.Epoch;

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        Assert.NotEqual(before, (await tile.GetSnapshotAsync()).Stamp.Epoch);
        Assert.Contains(await QueryAsync(point, new DateOnly(2026, 1, 1)), h => h.RecordKey == key);
    }

    [Fact]
    public async Task SetAsync_NewVersionWhileItsTilesAreCollected_CompletesAndTheTilesAnswerIt()
    {
        var (key, name, geometry) = County(9);
        var point = ReferenceGeometry.InteriorPoint(geometry);
        var from = new DateOnly(2025, 1, 1);
        await Grain(key).SetAsync(Set(geometry, null, name));
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The tile re-activates while this record is busy telling it about the change: it must not wait on the record.
        var change = await Grain(key).SetAsync(Set(TopologyPreservingSimplifier.Simplify(geometry, 0.01), from, name));

        Assert.Equal(RecordChange.NewVersion, change.Change);
        Assert.Equal(2, (await QueryAsync(point, from)).Single(h => h.RecordKey == key).Part);
        Assert.Equal(1, (await QueryAsync(point, from.AddDays(-1))).Single(h => h.RecordKey == key).Part);
    }
}
