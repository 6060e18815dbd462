using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Ogc;

/// <summary>
/// Parses CQL2 JSON (OGC 21-065r2, the <c>cql2-json</c> encoding) into the same tree as <see cref="CqlTextParser"/>:
/// <c>{"op": ..., "args": [...]}</c>, <c>{"property": ...}</c>, <c>{"date": ...}</c>, <c>{"timestamp": ...}</c>,
/// <c>{"interval": [a, b]}</c>, <c>{"bbox": [...]}</c> and GeoJSON geometries. Pure; throws
/// <see cref="CqlException"/> naming the JSON path (e.g. <c>$.args[1]</c>) of what is wrong.
/// </summary>
public static class CqlJsonParser
{
    public static CqlExpression Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CqlException(
                $"character {(e.BytePositionInLine ?? 0) + 1} of line {(e.LineNumber ?? 0) + 1}",
                "the filter is not well-formed JSON");
        }

        using (document)
        {
            return Boolean(document.RootElement, "$");
        }
    }

    private static CqlExpression Boolean(JsonElement e, string path)
    {
        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return new CqlExpression.Literal(e.GetBoolean());
        }

        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("op", out var opElement) ||
            opElement.ValueKind != JsonValueKind.String)
        {
            throw new CqlException(path, "expected a condition {\"op\": ..., \"args\": [...]}");
        }

        var op = opElement.GetString()!;
        if (!e.TryGetProperty("args", out var argsElement) || argsElement.ValueKind != JsonValueKind.Array)
        {
            throw new CqlException(path, $"'{op}' needs an \"args\" array");
        }

        var args = argsElement.EnumerateArray().ToList();
        string Arg(int i) => $"{path}.args[{i}]";

        void Count(int n)
        {
            if (args.Count != n)
            {
                throw new CqlException(path, $"'{op}' takes {n} argument{(n == 1 ? "" : "s")}, not {args.Count}");
            }
        }

        var lower = op.ToLowerInvariant();
        switch (lower)
        {
            case "and" or "or":
                if (args.Count < 2)
                {
                    throw new CqlException(path, $"'{op}' takes at least 2 arguments");
                }

                var terms = args.Select((a, i) => Boolean(a, Arg(i))).ToList();
                return lower == "and" ? new CqlExpression.And(terms) : new CqlExpression.Or(terms);
            case "not":
                Count(1);
                return new CqlExpression.Not(Boolean(args[0], Arg(0)));
            case "=" or "<>" or "<" or "<=" or ">" or ">=":
                Count(2);
                return new CqlExpression.Comparison(lower, Operand(args[0], Arg(0)), Operand(args[1], Arg(1)));
            case "like":
                Count(2);
                return new CqlExpression.Like(Operand(args[0], Arg(0)), Operand(args[1], Arg(1)));
            case "between":
                Count(3);
                return new CqlExpression.Between(Operand(args[0], Arg(0)), Operand(args[1], Arg(1)),
                    Operand(args[2], Arg(2)));
            case "in":
                Count(2);
                if (args[1].ValueKind != JsonValueKind.Array)
                {
                    throw new CqlException(Arg(1), "'in' takes a value and an array of values");
                }

                return new CqlExpression.In(Operand(args[0], Arg(0)),
                    args[1].EnumerateArray().Select((a, i) => Operand(a, $"{Arg(1)}[{i}]")).ToList());
            case "isnull":
                Count(1);
                return new CqlExpression.IsNull(Operand(args[0], Arg(0)));
        }

        var upper = op.ToUpperInvariant();
        if (CqlExpression.SpatialOperators.Contains(upper) || CqlExpression.TemporalOperators.Contains(upper))
        {
            Count(2);
            var (left, right) = (Operand(args[0], Arg(0)), Operand(args[1], Arg(1)));
            return upper.StartsWith("S_", StringComparison.Ordinal)
                ? new CqlExpression.Spatial(upper, left, right)
                : new CqlExpression.Temporal(upper, left, right);
        }

        throw new CqlException(path + ".op", $"'{op}' is not an operator this service offers");
    }

    private static CqlExpression Operand(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return new CqlExpression.Literal(e.GetString());
            case JsonValueKind.Number:
                return new CqlExpression.Literal(e.GetDouble());
            case JsonValueKind.True or JsonValueKind.False:
                return new CqlExpression.Literal(e.GetBoolean());
            case JsonValueKind.Object:
                break;
            default:
                throw new CqlException(path, "expected a property, a literal or a geometry");
        }

        if (e.TryGetProperty("property", out var property) && property.ValueKind == JsonValueKind.String)
        {
            return new CqlExpression.Property(property.GetString()!);
        }

        if (e.TryGetProperty("date", out var date))
        {
            return new CqlExpression.Literal(Date(date, path + ".date"));
        }

        if (e.TryGetProperty("timestamp", out var timestamp))
        {
            return new CqlExpression.Literal(Timestamp(timestamp, path + ".timestamp"));
        }

        if (e.TryGetProperty("interval", out var interval))
        {
            if (interval.ValueKind != JsonValueKind.Array || interval.GetArrayLength() != 2)
            {
                throw new CqlException(path + ".interval", "an interval is an array of its two ends");
            }

            return new CqlExpression.Interval(IntervalEnd(interval[0], path + ".interval[0]"),
                IntervalEnd(interval[1], path + ".interval[1]"));
        }

        if (e.TryGetProperty("bbox", out var bbox))
        {
            var n = bbox.ValueKind == JsonValueKind.Array
                ? bbox.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Number ? x.GetDouble() : double.NaN)
                    .ToList()
                : [];
            if (n.Count is not (4 or 6) || n.Any(double.IsNaN))
            {
                throw new CqlException(path + ".bbox", "a bbox has 4 or 6 numbers");
            }

            var (minX, minY, maxX, maxY) = n.Count == 4 ? (n[0], n[1], n[2], n[3]) : (n[0], n[1], n[3], n[4]);
            if (minX > maxX || minY > maxY)
            {
                throw new CqlException(path + ".bbox", "a bbox is (minX, minY, maxX, maxY) with min <= max");
            }

            return new CqlExpression.Literal(Wgs84.Factory.ToGeometry(new Envelope(minX, maxX, minY, maxY)));
        }

        if (e.TryGetProperty("type", out _))
        {
            Geometry geometry;
            try
            {
                geometry = GeoJson.ReadGeometry(e);
            }
            catch (Exception x) when (x is FormatException or JsonException or ArgumentException or
                                          InvalidOperationException)
            {
                throw new CqlException(path, $"not a valid GeoJSON geometry ({x.Message})");
            }

            if (!geometry.IsValid)
            {
                throw new CqlException(path, "the geometry is not valid (e.g. its ring crosses itself)");
            }

            return new CqlExpression.Literal(geometry);
        }

        if (e.TryGetProperty("op", out _))
        {
            throw new CqlException(path, "functions and arithmetic are not offered as values here");
        }

        throw new CqlException(path, "expected a property, a literal or a geometry");
    }

    private static CqlExpression? IntervalEnd(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            var text = e.GetString()!;
            return text == ".."
                ? null
                : new CqlExpression.Literal(text.Length == 10 ? Date(e, path) : Timestamp(e, path));
        }

        var operand = Operand(e, path);
        return operand is CqlExpression.Property or CqlExpression.Literal { Value: DateOnly or DateTimeOffset }
            ? operand
            : throw new CqlException(path, "an interval's ends are dates, timestamps, properties or \"..\"");
    }

    private static DateOnly Date(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CqlException(path, "a date is written \"YYYY-MM-DD\"");

    private static DateTimeOffset Timestamp(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.String && e.GetString() is { } text &&
        text.Contains('T', StringComparison.OrdinalIgnoreCase) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : throw new CqlException(path, "a timestamp is RFC 3339 with its offset, e.g. \"2024-05-01T08:00:00Z\"");
}
