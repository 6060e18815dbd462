using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Tests.Spatial;

[Collection(RegistryClusterCollection.Name)]
public sealed class SeededGeometryTests(RegistryClusterFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public async Task TileQuery_PointInsideSeededProvince_FindsThatProvince()
    {
        var province = ReferenceGeometry.Provinces.First(f => f.Valid && f.Registered);
        var point = ReferenceGeometry.InteriorPoint(province.Geometry);
        var tile = SpatialTiling.TileOf(SpatialLayer.Divisions, point.X, point.Y);

        var hits = await fixture.Grains.GetGrain<ISpatialTileGrain>(tile.Key).QueryPointAsync(point.X, point.Y, Today);

        Assert.Contains(hits, h => h.RecordKey == province.Code);
    }

    [Fact]
    public async Task GetAsync_SeededProvince_ReturnsGeometryWithTheRegistryName()
    {
        var province = ReferenceGeometry.Provinces.First(f => f.Valid && f.Registered);

        var details = await fixture.Grains.GetGrain<IDivisionGeometryGrain>(province.Code).GetAsync(Today);

        Assert.Equal(ReferenceDivisions.NameOf(province.Code), details.Name);
        Assert.True(details.Geometry.ToGeometry().EqualsExact(province.Geometry.Normalized()));
        Assert.Null(details.Version.From);
        Assert.True(details.Version.AreaSquareMetres > 0);
    }
}
