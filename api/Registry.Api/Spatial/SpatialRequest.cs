using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Spatial;
using Registry.Api.ErrorHandling;

namespace Registry.Api.Spatial;

/// <summary>Reads and checks the spatial parts of requests (positions, boxes, GeoJSON geometry, division keys),
/// recording every invalid field in a <see cref="RequestChecks"/>.</summary>
public static class SpatialRequest
{
    /// <summary>A longitude/latitude pair from query text; null (with the errors recorded) when invalid.</summary>
    public static (double Lon, double Lat)? Position(RequestChecks checks, string? lonText, string? latText,
        string lonField = "lon", string latField = "lat")
    {
        var lon = Number(checks, lonField, lonText);
        var lat = Number(checks, latField, latText);
        if (lon is not { } x || lat is not { } y)
        {
            return null;
        }

        if (GeometryRules.CheckPosition(x, y) is { } problem)
        {
            checks.Fail(problem.Rule == "coordinate-out-of-range" && x is >= -180 and <= 180 ? latField : lonField,
                problem.Rule, problem.Message);
            return null;
        }

        return (x, y);
    }

    /// <summary>
    /// A required or optional number. NaN and infinities are refused (<c>coordinate-not-finite</c>), as is text
    /// that is not a number (<c>number-format</c>).
    /// </summary>
    public static double? Number(RequestChecks checks, string field, string? text, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                checks.Fail(field, "field-required", $"'{field}' is required.");
            }

            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            checks.Fail(field, "number-format", $"'{field}' must be a decimal number (e.g. 116.4).");
            return null;
        }

        if (!double.IsFinite(value))
        {
            checks.Fail(field, "coordinate-not-finite", $"'{field}' must be a finite number (no NaN or infinity).");
            return null;
        }

        return value;
    }

    /// <summary>
    /// An OGC-style box "minLon,minLat,maxLon,maxLat" (6 numbers with heights are accepted, heights ignored). A box
    /// whose minLon exceeds maxLon crosses the antimeridian and is returned as two boxes.
    /// </summary>
    public static IReadOnlyList<BoundingBox>? Box(RequestChecks checks, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split(',');
        var numbers = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : double.NaN).ToArray();
        if (parts.Length is not (4 or 6) || numbers.Any(n => !double.IsFinite(n)))
        {
            checks.Fail(field, "bbox-format", $"'{field}' is four numbers: minLon,minLat,maxLon,maxLat.");
            return null;
        }

        var (minLon, minLat, maxLon, maxLat) = parts.Length == 4
            ? (numbers[0], numbers[1], numbers[2], numbers[3])
            : (numbers[0], numbers[1], numbers[3], numbers[4]);
        if (GeometryRules.CheckPosition(minLon, minLat) is { } low)
        {
            checks.Fail(field, low.Rule, low.Message);
            return null;
        }

        if (GeometryRules.CheckPosition(maxLon, maxLat) is { } high)
        {
            checks.Fail(field, high.Rule, high.Message);
            return null;
        }

        if (minLat > maxLat)
        {
            checks.Fail(field, "bbox-format", $"'{field}': the southern latitude comes before the northern one.");
            return null;
        }

        return minLon <= maxLon
            ? [new BoundingBox(minLon, minLat, maxLon, maxLat)]
            : [new BoundingBox(minLon, minLat, 180, maxLat), new BoundingBox(-180, minLat, maxLon, maxLat)];
    }

    /// <summary>A GeoJSON geometry of <paramref name="kind"/>; null (with the rule recorded) when absent or invalid.</summary>
    public static Geometry? Geometry(RequestChecks checks, string field, JsonElement? element, GeometryKind kind)
    {
        if (element is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } json)
        {
            checks.Fail(field, "field-required", $"'{field}' is required (a GeoJSON geometry).");
            return null;
        }

        Geometry geometry;
        try
        {
            geometry = GeometryRules.Normalize(GeoJson.ReadGeometry(json));
        }
        catch (FormatException e)
        {
            checks.Fail(field, "geometry-malformed", e.Message);
            return null;
        }

        if (GeometryRules.Check(geometry, kind) is { } problem)
        {
            checks.Fail(field, problem.Rule, problem.Message);
            return null;
        }

        return geometry;
    }

    public static RequestChecks DivisionRef(this RequestChecks checks, string field, string? key)
    {
        if (key is not null && !Abstractions.Boundaries.DivisionRef.IsWellFormed(key))
        {
            checks.Fail(field, "division-ref-format",
                "A division is a registry code (6 or 9 digits) or a reference area written scheme:id.");
        }

        return checks;
    }

    public static RequestChecks LineNumber(this RequestChecks checks, string field, string? number)
    {
        if (number is not null && !BoundaryLineNumber.IsWellFormed(number))
        {
            checks.Fail(field, "boundary-line-number-format",
                "A boundary line number is the two divisions' significant code digits (e.g. 1113).");
        }

        return checks;
    }

    public static RequestChecks MarkerNumber(this RequestChecks checks, string field, string? number)
    {
        if (number is not null && Abstractions.Boundaries.MarkerNumber.Parse(number) is null)
        {
            checks.Fail(field, "marker-number-format",
                "A marker number is the line number, a 3-digit serial from 001 and a type code (Q, A, B, C, D or " +
                "E), e.g. 1113001Q.");
        }

        return checks;
    }
}
