using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Places;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Text;
using Registry.Grains.Places;
using Registry.Hosting.Divisions;
using Registry.Hosting.Spatial;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>
/// The values the request examples are made of, taken from the data the service ships, never typed: division codes
/// and names from the official lists, resident ID numbers and a Unified Social Credit Code completed by the project's
/// own check-character code, geometry cut from the shipped province outline. Read once, on first use.
/// </summary>
public sealed class ExampleValues
{
    private static readonly Lazy<ExampleValues> instance = new(() => new ExampleValues());

    private ExampleValues()
    {
        var directory = DivisionReferenceData.DefaultDirectory;
        var counties = Rows(Path.Combine(directory, "divisions-2023-areas.csv"));
        (County, CountyName) = counties[0];
        (NeighbourCounty, NeighbourCountyName) = counties[1];
        var townships = Rows(Path.Combine(directory, "divisions-2023-streets.csv"))
            .Where(row => row.Code.StartsWith(County, StringComparison.Ordinal)).Take(2).ToList();
        (Township, TownshipName) = townships[0];
        NeighbourTownshipName = townships[1].Name;
        TownshipRomanization = PlaceSpelling.Suggest(TownshipName, PlaceCategory.AdministrativeDivision).Romanization;
        NeighbourTownshipRomanization =
            PlaceSpelling.Suggest(NeighbourTownshipName, PlaceCategory.AdministrativeDivision).Romanization;
        Province = County[..2] + "0000";
        var provinces = Rows(Path.Combine(directory, "divisions-2023-provinces.csv"));
        NeighbourProvince = provinces.Select(p => p.Code.PadRight(6, '0')).First(p => p != Province);

        // Adults born on the first day of a month 30 years before the examples were made, a man (odd sequence) and a
        // woman (even sequence), registered in the example county.
        var born = new DateOnly(DateTime.UtcNow.Year - 30, 5, 1);
        Man = ResidentIdNumber.Compose(County, born, 101);
        Woman = ResidentIdNumber.Compose(County, born, 102);
        MarriageId = new Guid(System.Security.Cryptography.MD5.HashData(
            System.Text.Encoding.UTF8.GetBytes(Man + Woman))).ToString("N");

        // Civil affairs (5), social association, the example county, an organization code, its check character.
        var first17 = $"{UnifiedSocialCreditCode.CivilAffairsAuthority}" +
            $"{UnifiedSocialCreditCode.KindDigit(OrganizationKind.SocialAssociation)}{County}MJ0000001";
        Uscc = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);

        var outline = ProvinceOutline(Province);
        Area = DouglasPeuckerSimplifier.Simplify(outline, 0.05);
        var ring = ((Polygon)(outline is MultiPolygon m ? m.GetGeometryN(0) : outline)).ExteriorRing;
        Line = ring.Factory.CreateLineString(ring.Coordinates.Take(6).ToArray());
        Point = outline.InteriorPoint;
    }

    public static ExampleValues Instance => instance.Value;

    /// <summary>The first county-level division of the official list (a civil-affairs office) and its name.</summary>
    public string County { get; }

    public string CountyName { get; }

    /// <summary>The next county of the list, in the same prefecture.</summary>
    public string NeighbourCounty { get; }

    public string NeighbourCountyName { get; }

    /// <summary>The first township of <see cref="County"/> and its name.</summary>
    public string Township { get; }

    public string TownshipName { get; }

    /// <summary>The township's spelling per GB/T 16159, suggested by the registry's own spelling code.</summary>
    public string TownshipRomanization { get; }

    /// <summary>The next township of <see cref="County"/> and its spelling.</summary>
    public string NeighbourTownshipName { get; }

    public string NeighbourTownshipRomanization { get; }

    /// <summary>A well-formed marriage record id (32 hexadecimal digits) derived from the two example parties.</summary>
    public string MarriageId { get; }

    /// <summary>The province of <see cref="County"/> and another province.</summary>
    public string Province { get; }

    public string NeighbourProvince { get; }

    /// <summary>Resident ID numbers of an adult man and woman (GB 11643, check character computed).</summary>
    public string Man { get; }

    public string Woman { get; }

    /// <summary>A Unified Social Credit Code of a social association registered in <see cref="County"/>.</summary>
    public string Uscc { get; }

    /// <summary>The province's outline simplified to a small polygon, a stretch of it, and a point inside it.</summary>
    public Geometry Area { get; }

    public Geometry Line { get; }

    public Geometry Point { get; }

    /// <summary>A date relative to today, as the API writes dates.</summary>
    public static string Date(int daysFromToday) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysFromToday).ToString("yyyy-MM-dd");

    public static JsonElement GeoJsonOf(Geometry geometry) =>
        JsonSerializer.SerializeToElement(geometry, GeoJson.Options);

    private static List<(string Code, string Name)> Rows(string path) =>
        File.ReadLines(path).Skip(1)
            .Select(line => CsvLine.Fields(line) ?? throw new InvalidDataException($"{path}: broken quoting: {line}"))
            .Select(columns => (columns[0], columns[1]))
            .ToList();

    private static Geometry ProvinceOutline(string code)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(
            Path.Combine(GeometrySeeder.DefaultDirectory, "provinces.geojson")));
        var feature = GeoJson.ReadFeatureCollection(document.RootElement)
            .First(f => f.Text("区划码") == code);
        return GeoJson.ReadGeometry(feature.Geometry!.Value);
    }
}
