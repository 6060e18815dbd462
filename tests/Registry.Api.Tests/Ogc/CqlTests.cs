using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;
using Registry.Api.Ogc;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Ogc;

/// <summary>The CQL2 parsers and evaluator on their own (no I/O): text and JSON give the same answers, every
/// operator decides both ways, and invalid filters name where they go wrong.</summary>
public sealed class CqlTests
{
    private static readonly ShippedGeometry.Feature Province = ShippedGeometry.Seeded(ShippedGeometry.Provinces).First();

    private static readonly Dictionary<string, object?> Values = new(StringComparer.Ordinal)
    {
        ["code"] = Province.Code,
        ["name"] = Province.Name,
        ["level"] = "province",
        ["version"] = 2.0,
        ["reference"] = false,
        ["validFrom"] = new DateOnly(2019, 1, 1),
        ["validUntil"] = null,
        ["source"] = null,
        ["geometry"] = Province.Geometry,
    };

    private static bool Text(string filter) =>
        new CqlEvaluator(n => Values.GetValueOrDefault(n), TimeZoneInfo.Utc).Matches(CqlTextParser.Parse(filter));

    private static bool Json(string filter) =>
        new CqlEvaluator(n => Values.GetValueOrDefault(n), TimeZoneInfo.Utc).Matches(CqlJsonParser.Parse(filter));

    private static string Inside => Wkt(ShippedGeometry.InteriorPoint(Province.Geometry));

    private static string Outside
    {
        get
        {
            var other = ShippedGeometry.Seeded(ShippedGeometry.Provinces)
                .First(p => !p.Geometry.EnvelopeInternal.Intersects(Province.Geometry.EnvelopeInternal));
            return Wkt(ShippedGeometry.InteriorPoint(other.Geometry));
        }
    }

    private static string Wkt(Point p) => string.Create(CultureInfo.InvariantCulture, $"POINT({p.X:R} {p.Y:R})");

    [Theory]
    [InlineData("level = 'province'", true)]
    [InlineData("level <> 'province'", false)]
    [InlineData("version > 1", true)]
    [InlineData("version >= 3", false)]
    [InlineData("version < 2.5 AND version <= 2", true)]
    [InlineData("level LIKE 'prov%'", true)]
    [InlineData("level LIKE 'p_ovince'", true)]
    [InlineData("level LIKE 'Prov%'", false)]
    [InlineData("level NOT LIKE 'prov%'", false)]
    [InlineData("version BETWEEN 1 AND 2", true)]
    [InlineData("version NOT BETWEEN 1 AND 2", false)]
    [InlineData("level IN ('county', 'province')", true)]
    [InlineData("level NOT IN ('county', 'township')", true)]
    [InlineData("source IS NULL", true)]
    [InlineData("source IS NOT NULL", false)]
    [InlineData("reference = FALSE", true)]
    [InlineData("NOT (level = 'province') OR version = 2", true)]
    [InlineData("(level = 'county' OR level = 'province') AND NOT reference = TRUE", true)]
    [InlineData("source = 'x'", false)]
    [InlineData("NOT source = 'x'", true)]
    [InlineData("version = 'two'", false)]
    [InlineData("validFrom > DATE('2018-12-31')", true)]
    [InlineData("T_AFTER(validFrom, DATE('2019-01-01'))", false)]
    [InlineData("T_BEFORE(validFrom, TIMESTAMP('2019-01-02T00:00:00Z'))", true)]
    [InlineData("T_INTERSECTS(INTERVAL(validFrom, validUntil), INTERVAL('2010-01-01', '2019-01-01'))", true)]
    [InlineData("T_INTERSECTS(INTERVAL(validFrom, validUntil), INTERVAL('2010-01-01', '2018-12-31'))", false)]
    [InlineData("T_DURING(DATE('2020-06-01'), INTERVAL(validFrom, '..'))", true)]
    [InlineData("T_DURING(DATE('2018-06-01'), INTERVAL(validFrom, validUntil))", false)]
    [InlineData("t_intersects(validFrom, interval('..', '2019-01-01'))", true)]
    [InlineData("TRUE", true)]
    [InlineData("\"level\" = 'province'", true)]
    public void Text_DecidesEachOperator(string filter, bool expected) => Assert.Equal(expected, Text(filter));

    [Fact]
    public void Spatial_IntersectsAndWithin_OnWktAndBboxLiterals()
    {
        var envelope = Province.Geometry.EnvelopeInternal;
        var box = string.Create(CultureInfo.InvariantCulture,
            $"BBOX({envelope.MinX - 1:R}, {envelope.MinY - 1:R}, {envelope.MaxX + 1:R}, {envelope.MaxY + 1:R})");

        Assert.True(Text($"S_INTERSECTS(geometry, {Inside})"));
        Assert.False(Text($"S_INTERSECTS(geometry, {Outside})"));
        Assert.True(Text($"S_CONTAINS(geometry, {Inside})"));
        Assert.True(Text($"S_WITHIN({Inside}, geometry)"));
        Assert.True(Text($"S_WITHIN(geometry, {box})"));
        Assert.False(Text($"S_WITHIN(geometry, {Inside})"));
        Assert.True(Text($"S_DISJOINT(geometry, {Outside})"));
    }

    [Fact]
    public void Json_AnswersAsTheSameFilterInText()
    {
        var point = ShippedGeometry.InteriorPoint(Province.Geometry);
        var geometry = JsonSerializer.Serialize(Wgs84.Point(point.X, point.Y), GeoJson.Options);
        var cases = new (string Json, string Text)[]
        {
            ("""{"op":"=","args":[{"property":"level"},"province"]}""", "level = 'province'"),
            ("""{"op":"and","args":[{"op":">","args":[{"property":"version"},1]},{"op":"like","args":[{"property":"level"},"c%"]}]}""",
                "version > 1 AND level LIKE 'c%'"),
            ("""{"op":"or","args":[{"op":"isNull","args":[{"property":"source"}]},false]}""", "source IS NULL OR FALSE"),
            ("""{"op":"not","args":[{"op":"in","args":[{"property":"level"},["county","province"]]}]}""",
                "NOT level IN ('county','province')"),
            ("""{"op":"between","args":[{"property":"version"},3,4]}""", "version BETWEEN 3 AND 4"),
            ("""{"op":"s_intersects","args":[{"property":"geometry"},""" + geometry + "]}",
                $"S_INTERSECTS(geometry, {Inside})"),
            ("""{"op":"s_within","args":[{"property":"geometry"},{"bbox":[-180,-90,180,90]}]}""",
                "S_WITHIN(geometry, BBOX(-180,-90,180,90))"),
            ("""{"op":"t_before","args":[{"property":"validFrom"},{"date":"2019-01-01"}]}""",
                "T_BEFORE(validFrom, DATE('2019-01-01'))"),
            ("""{"op":"t_intersects","args":[{"interval":[{"property":"validFrom"},".."]},{"interval":["2020-01-01","2021-01-01"]}]}""",
                "T_INTERSECTS(INTERVAL(validFrom, '..'), INTERVAL('2020-01-01','2021-01-01'))"),
        };

        Assert.All(cases, c => Assert.Equal(Text(c.Text), Json(c.Json)));
        Assert.Contains(cases, c => Json(c.Json));
        Assert.Contains(cases, c => !Json(c.Json));
    }

    [Theory]
    [InlineData("level = ", "character 9")]
    [InlineData("level == 'x'", "character 8")]
    [InlineData("level = 'province", "character 9")]
    [InlineData("level LIKE", "character 11")]
    [InlineData("version BETWEEN 1 OR 2", "character 19")]
    [InlineData("S_INTERSECTS(geometry, POINT(1))", "character 24")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 1 0, 0 1, 0 0)))", "character 24")]
    [InlineData("FOO(level) = 1", "character 1")]
    [InlineData("validFrom > DATE('2019-13-01')", "character 18")]
    [InlineData("level = 'a' AND", "character 16")]
    [InlineData("level = 'a')", "character 12")]
    [InlineData("level ; 1", "character 7")]
    [InlineData("level", "character 1")]
    public void Text_Invalid_NamesThePosition(string filter, string position)
    {
        var error = Assert.Throws<CqlException>(() => CqlTextParser.Parse(filter));
        Assert.Equal(position, error.Position);
    }

    [Theory]
    [InlineData("{\"op\":\"=\",\"args\":[{\"property\":\"a\"}]}", "$")]
    [InlineData("{\"op\":\"and\",\"args\":[{\"op\":\"=\",\"args\":[1,2]},{\"op\":\"frob\",\"args\":[]}]}", "$.args[1].op")]
    [InlineData("{\"op\":\"in\",\"args\":[{\"property\":\"a\"},1]}", "$.args[1]")]
    [InlineData("{\"op\":\"t_after\",\"args\":[{\"property\":\"a\"},{\"date\":\"yesterday\"}]}", "$.args[1].date")]
    [InlineData("{\"op\":\"s_within\",\"args\":[{\"property\":\"a\"},{\"bbox\":[1,2,3]}]}", "$.args[1].bbox")]
    [InlineData("[1]", "$")]
    public void Json_Invalid_NamesThePath(string filter, string position)
    {
        var error = Assert.Throws<CqlException>(() => CqlJsonParser.Parse(filter));
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Temporal_RelationsOfDayIntervals_FollowAllen()
    {
        var (a, b, c, d) = (new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 1), new DateOnly(2021, 1, 1),
            new DateOnly(2021, 6, 1));
        Assert.True(CqlEvaluator.Temporal("T_BEFORE", (a, b), (c, d)));
        Assert.False(CqlEvaluator.Temporal("T_BEFORE", (a, c), (c, d)));
        Assert.True(CqlEvaluator.Temporal("T_MEETS", (a, c), (c, d)));
        Assert.True(CqlEvaluator.Temporal("T_METBY", (c, d), (a, c)));
        Assert.True(CqlEvaluator.Temporal("T_OVERLAPS", (a, c), (b, d)));
        Assert.True(CqlEvaluator.Temporal("T_OVERLAPPEDBY", (b, d), (a, c)));
        Assert.True(CqlEvaluator.Temporal("T_DURING", (b, c), (a, d)));
        Assert.True(CqlEvaluator.Temporal("T_CONTAINS", (a, d), (b, c)));
        Assert.True(CqlEvaluator.Temporal("T_STARTS", (a, b), (a, d)));
        Assert.True(CqlEvaluator.Temporal("T_STARTEDBY", (a, d), (a, b)));
        Assert.True(CqlEvaluator.Temporal("T_FINISHES", (c, d), (a, d)));
        Assert.True(CqlEvaluator.Temporal("T_FINISHEDBY", (a, d), (c, d)));
        Assert.True(CqlEvaluator.Temporal("T_EQUALS", (a, d), (a, d)));
        Assert.True(CqlEvaluator.Temporal("T_DISJOINT", (a, b), (c, d)));
        Assert.False(CqlEvaluator.Temporal("T_INTERSECTS", (a, b), (c, d)));
        Assert.True(CqlEvaluator.Temporal("T_AFTER", (c, d), (a, b)));
    }
}
