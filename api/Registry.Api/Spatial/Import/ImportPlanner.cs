using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Linemerge;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial.Import;

/// <summary>
/// Turns the features of a FeatureCollection into import units and immediate rejections, without any I/O. Everything
/// is derived deterministically from the file, so running the same import twice asks the grains for the same writes
/// (which then answer "unchanged").
/// </summary>
internal static class ImportPlanner
{
    public static (List<ImportUnit> Units, List<ImportRejection> Rejections) Plan(
        IReadOnlyList<GeoJson.RawFeature> features, ImportOptions options) => options.Kind switch
        {
            ImportKind.Divisions => PlanDivisions(features, options),
            ImportKind.Lines => PlanLines(features, options),
            ImportKind.Junctions => PlanJunctions(features, options),
            _ => PlanMarkers(features, options),
        };

    private static (List<ImportUnit>, List<ImportRejection>) PlanDivisions(
        IReadOnlyList<GeoJson.RawFeature> features, ImportOptions options)
    {
        var units = new List<ImportUnit>();
        var rejections = new List<ImportRejection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var code = feature.Text(options.CodeProperty) ?? feature.Id;
            void Reject(string rule, string message) =>
                rejections.Add(new ImportRejection(feature.Index, code, rule, message));

            if (code is null)
            {
                Reject("feature-code-missing", $"The feature has no '{options.CodeProperty}' property and no id.");
                continue;
            }

            var key = options.KeyOf(code);
            if (!DivisionRef.IsWellFormed(key))
            {
                Reject("division-ref-format", $"'{key}' is not a division code or reference key.");
                continue;
            }

            if (options.Scheme is null && options.Layer is { } layer &&
                DivisionLayerRules.CheckLevel(DivisionRef.LevelOfCode(key), layer) is { } levelProblem)
            {
                Reject(DivisionLayerRules.LevelRule, $"{key} is {levelProblem}.");
                continue;
            }

            if (!seen.Add(key))
            {
                Reject("duplicate-feature", $"{key} appears more than once in the collection.");
                continue;
            }

            if (ReadGeometry(feature, GeometryKind.Area) is not { } geometry)
            {
                Reject(Problem(feature, GeometryKind.Area).Rule, Problem(feature, GeometryKind.Area).Message);
                continue;
            }

            var wkb = GeometryWkb.From(geometry);
            var name = options.Scheme is null ? null : feature.Text(options.NameProperty) ?? code;
            units.Add(new ImportUnit(key, [feature.Index], async grains =>
            {
                var change = await grains.Get<IDivisionGeometryGrain>(key).SetAsync(new SetDivisionGeometry(wkb,
                    options.EffectiveDate, options.Reason, name, options.Scheme is null ? null : options.Layer,
                    options.Source));
                return [change.Change];
            }));
        }

        return (units, rejections);
    }

    private static (List<ImportUnit>, List<ImportRejection>) PlanLines(
        IReadOnlyList<GeoJson.RawFeature> features, ImportOptions options)
    {
        var rejections = new List<ImportRejection>();
        var groups = new SortedDictionary<string, (string A, string B, List<int> Indexes, List<Geometry> Parts)>(
            StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var a = feature.Text(options.DivisionAProperty);
            var b = feature.Text(options.DivisionBProperty);
            var label = $"{a}|{b}";
            void Reject(string rule, string message) =>
                rejections.Add(new ImportRejection(feature.Index, label, rule, message));

            if (a is null)
            {
                Reject("feature-code-missing", $"The feature has no '{options.DivisionAProperty}' property.");
                continue;
            }

            if (b is null)
            {
                Reject("boundary-line-outer-edge",
                    $"No '{options.DivisionBProperty}': an outer (national or coastal) edge of {a}, not a line " +
                    "between two divisions.");
                continue;
            }

            var (first, second) = BoundaryLineNumber.Order(options.KeyOf(a), options.KeyOf(b));
            string number;
            try
            {
                number = BoundaryLineNumber.For(first, second);
            }
            catch (Abstractions.Errors.DomainException e)
            {
                Reject(e.Rule, e.Message);
                continue;
            }

            if (ReadGeometry(feature, GeometryKind.Line) is not { } geometry)
            {
                var problem = Problem(feature, GeometryKind.Line);
                Reject(problem.Rule, problem.Message);
                continue;
            }

            if (!groups.TryGetValue(number, out var group))
            {
                groups[number] = group = (first, second, [], []);
            }

            group.Indexes.Add(feature.Index);
            group.Parts.Add(geometry);
        }

        var units = groups.Select(g =>
        {
            var (a, b, indexes, parts) = g.Value;
            var wkb = GeometryWkb.From(Merge(parts));
            return new ImportUnit(g.Key, indexes, async grains =>
            {
                var change = await grains.Get<IBoundaryLineGrain>(g.Key).RecordAsync(new RecordBoundaryLine(a, b,
                    wkb, options.Agreement!, options.AgreementDate, options.Reason, options.Source));
                return [change];
            });
        }).ToList();
        return (units, rejections);
    }

    private static (List<ImportUnit>, List<ImportRejection>) PlanJunctions(
        IReadOnlyList<GeoJson.RawFeature> features, ImportOptions options)
    {
        var rejections = new List<ImportRejection>();
        var byLine = new SortedDictionary<string, List<(int Index, Point Point, string[] Sides)>>(StringComparer.Ordinal);
        foreach (var feature in features)
        {
            var sides = Strings(feature, options.AdjacentProperty).Select(options.KeyOf)
                .Order(StringComparer.Ordinal).ToArray();
            var label = string.Join("|", sides);
            void Reject(string rule, string message) =>
                rejections.Add(new ImportRejection(feature.Index, label, rule, message));

            if (sides.Length != 3 || sides.Distinct().Count() != 3)
            {
                Reject("junction-not-triple",
                    $"{sides.Length} divisions meet here; a triple marker stands where exactly three meet.");
                continue;
            }

            if (ReadGeometry(feature, GeometryKind.Point) is not Point point)
            {
                var problem = Problem(feature, GeometryKind.Point);
                Reject(problem.Rule, problem.Message);
                continue;
            }

            string line;
            try
            {
                line = BoundaryLineNumber.For(sides[0], sides[1]);
            }
            catch (Abstractions.Errors.DomainException e)
            {
                Reject(e.Rule, e.Message);
                continue;
            }

            if (!byLine.TryGetValue(line, out var junctions))
            {
                byLine[line] = junctions = [];
            }

            junctions.Add((feature.Index, point, sides));
        }

        var units = new List<ImportUnit>();
        foreach (var (line, junctions) in byLine)
        {
            // GB/T 17796 numbers markers along a line from west to east (then north to south).
            var ordered = junctions.OrderBy(j => j.Point.X).ThenByDescending(j => j.Point.Y).ThenBy(j => j.Index)
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var (index, point, sides) = ordered[i];
                if (i + 1 > 999)
                {
                    rejections.Add(new ImportRejection(index, string.Join("|", sides), "marker-serial-range",
                        $"Line {line} would need more than 999 marker serials."));
                    continue;
                }

                var serial = i + 1;
                var (lon, lat) = (point.X, point.Y);
                units.Add(new ImportUnit($"{line} {serial:000}", [index], async grains =>
                {
                    var changes = new List<RecordChange>(3);
                    // C faces the smallest code, D the next, E the largest (as A/B follow the codes for a pair).
                    foreach (var code in "CDE")
                    {
                        changes.Add(await grains.Get<IBoundaryMarkerGrain>(MarkerNumber.Compose(line, serial, code))
                            .RegisterAsync(new RegisterMarker(MarkerType.Triple, lon, lat, null, [], [], options.Reason,
                                options.Source)));
                    }

                    return changes;
                }));
            }
        }

        return (units, rejections);
    }

    private static (List<ImportUnit>, List<ImportRejection>) PlanMarkers(
        IReadOnlyList<GeoJson.RawFeature> features, ImportOptions options)
    {
        var units = new List<ImportUnit>();
        var rejections = new List<ImportRejection>();
        foreach (var feature in features)
        {
            var number = feature.Text("number") ?? feature.Id;
            void Reject(string rule, string message) =>
                rejections.Add(new ImportRejection(feature.Index, number, rule, message));

            if (number is null || MarkerNumber.Parse(number) is null)
            {
                Reject("marker-number-format", $"'{number}' is not a GB/T 17796 marker number.");
                continue;
            }

            if (!Enum.TryParse<MarkerType>(feature.Text("type"), ignoreCase: true, out var type))
            {
                Reject("marker-type-required", "The feature's 'type' is single, pair or triple.");
                continue;
            }

            if (ReadGeometry(feature, GeometryKind.Point) is not Point point)
            {
                var problem = Problem(feature, GeometryKind.Point);
                Reject(problem.Rule, problem.Message);
                continue;
            }

            var command = new RegisterMarker(type, point.X, point.Y, feature.Text("material"),
                Strings(feature, "landmarks"), Strings(feature, "photos"), options.Reason, options.Source);
            units.Add(new ImportUnit(number, [feature.Index], async grains =>
                [await grains.Get<IBoundaryMarkerGrain>(number).RegisterAsync(command)]));
        }

        return (units, rejections);
    }

    private static Geometry? ReadGeometry(GeoJson.RawFeature feature, GeometryKind kind)
    {
        try
        {
            var geometry = GeometryRules.Normalize(GeoJson.ReadGeometry(feature.Geometry ?? default));
            return GeometryRules.Check(geometry, kind) is null ? geometry : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static GeometryProblem Problem(GeoJson.RawFeature feature, GeometryKind kind)
    {
        try
        {
            return GeometryRules.Check(GeometryRules.Normalize(GeoJson.ReadGeometry(feature.Geometry ?? default)), kind)
                ?? new GeometryProblem("geometry-invalid", "The geometry is not valid.");
        }
        catch (FormatException e)
        {
            return new GeometryProblem("geometry-malformed", e.Message);
        }
    }

    /// <summary>The arcs of one pair as few lines as possible, in a canonical order (so re-runs store the same bytes).</summary>
    private static Geometry Merge(IReadOnlyList<Geometry> parts)
    {
        var merger = new LineMerger();
        foreach (var part in parts)
        {
            merger.Add(part);
        }

        var lines = merger.GetMergedLineStrings().Cast<LineString>().ToArray();
        Geometry merged = lines.Length == 1 ? lines[0] : Wgs84.Factory.CreateMultiLineString(lines);
        merged.Normalize();
        return merged;
    }

    private static IReadOnlyList<string> Strings(GeoJson.RawFeature feature, string property) =>
        feature.Properties is { } p && p.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
