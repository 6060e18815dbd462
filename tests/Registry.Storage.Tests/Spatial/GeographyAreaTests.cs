using System.Text.Json;
using NetTopologySuite.Geometries;
using Npgsql;
using Registry.Abstractions.Spatial;
using Registry.Storage.Tests.Servers;

namespace Registry.Storage.Tests.Spatial;

/// <summary>
/// The Registry's areas against PostGIS geography (ST_Area on the WGS84 spheroid) in a real PostgreSQL server with
/// PostGIS: Natural Earth's Antarctica (tests/TestData/world/admin1-10m.geojson), a polygon that holds the South Pole
/// and is edged along the antimeridian, which an area formula that wraps longitudes gets 20 times too large.
/// </summary>
public sealed class GeographyAreaTests(PostgreSqlServer server) : IClassFixture<PostgreSqlServer>
{
    private static Geometry Antarctica()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "tests", "TestData")))
        {
            directory = directory.Parent;
        }

        var path = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("tests/TestData not found"),
            "tests", "TestData", "world", "admin1-10m.geojson");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var feature = GeoJson.ReadFeatureCollection(document.RootElement)
            .Single(f => f.Text("adm1_code") == "ATA+00?" && f.Text("name") == "Antarctica");
        return GeometryRules.Normalize(GeoJson.ReadGeometry(feature.Geometry!.Value));
    }

    [Fact]
    public async Task AreaSquareMetres_NaturalEarthAntarctica_IsWithinATenthOfAPercentOfPostGisGeography()
    {
        var antarctica = Antarctica();
        Assert.Null(GeometryRules.Check(antarctica, GeometryKind.Area));

        await using var connection = new NpgsqlConnection(await server.CreateDatabaseAsync("geography_area"));
        await connection.OpenAsync();
        await using (var extension = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis;", connection))
        {
            await extension.ExecuteNonQueryAsync();
        }

        await using var area = new NpgsqlCommand("SELECT ST_Area(ST_GeomFromWKB(@wkb, 4326)::geography);", connection);
        area.Parameters.AddWithValue("wkb", Wgs84.ToWkb(antarctica));
        var postgis = (double)(await area.ExecuteScalarAsync())!;

        var ours = Geodesy.AreaSquareMetres(antarctica);

        Assert.True(Math.Abs(ours - postgis) <= postgis * 0.001,
            $"Registry {ours / 1e6:N0} km², PostGIS geography {postgis / 1e6:N0} km² ({(ours / postgis - 1):P3})");
    }
}
