using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>Spatial queries (<c>/api/spatial</c>).</summary>
internal static class SpatialDocs
{
    private static readonly string[] Point = ["field-required", "number-format", "coordinate-not-finite",
        "coordinate-out-of-range", "coordinates-swapped"];

    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["LocateDivisions"] = Op(
                "The divisions of every level whose geometry in force on a date (default today) contains a point " +
                "(lon/lat, WGS84): e.g. the province, prefecture and county. A point exactly on a boundary (e.g. a " +
                "boundary marker's own position) is answered with the divisions on every side, each with " +
                "`onBoundary: true`. Public; answered from the API's in-memory copy of the spatial index.",
                [.. Point, "date-format"]),
            ["AdjacentDivisions"] = Op(
                "The divisions of the same level that share a boundary with a division on a date, each with the " +
                "length of the shared boundary in metres. A division counts only while it is in force on the date " +
                "(not before it was established, not from the day it was merged, abolished or recoded).",
                "division-ref-format", "date-format",
                "division-geometry-not-found"),
            ["BoundaryBetween"] = Op(
                "The boundary line between two divisions with its length in metres: the recorded line, else one " +
                "derived from their geometry (marked `derived-from-geometry`).", "field-required", "division-pair",
                "division-ref-format", "date-format", "boundary-not-found", "division-geometry-not-found"),
            ["FeaturesInBox"] = Op(
                "Divisions, boundary lines or markers (markers: roles gis and registrar.boundaries only) " +
                "intersecting a box, as a GeoJSON FeatureCollection of at most `limit` features.",
                "field-required", "bbox-format", "coordinate-not-finite", "coordinate-out-of-range", "layer-unknown",
                "limit-range", "date-format", "role-required"),
            ["MarkersNearby"] = Op("Boundary markers within a radius (metres) of a point, nearest first, with " +
                "their distance.", [.. Point, "radius-range"]),
            ["NearestMarkers"] = Op("The N boundary markers nearest a point, with their distance in metres.",
                [.. Point, "count-range"]),
        },
        Parameters = new Dictionary<string, string>
        {
            ["lon"] = "Longitude in decimal degrees, WGS84 (-180 to 180), e.g. 116.4.",
            ["lat"] = "Latitude in decimal degrees, WGS84 (-90 to 90), e.g. 39.9.",
            ["LocateDivisions:asOf"] = "The date (YYYY-MM-DD) whose geometry is used; default today.",
            ["AdjacentDivisions:code"] = "A division code (e.g. 440000) or reference area `scheme:id`.",
            ["AdjacentDivisions:asOf"] = "The date (YYYY-MM-DD) whose geometry is used; default today.",
            ["between"] = "Two division codes or reference areas, comma-separated, e.g. 430000,440000.",
            ["BoundaryBetween:asOf"] = "The date (YYYY-MM-DD) whose geometry is used; default today.",
            ["FeaturesInBox:bbox"] = "The box: minLon,minLat,maxLon,maxLat in decimal degrees (WGS84).",
            ["layer"] = "What to list: divisions, boundary-lines or markers.",
            ["FeaturesInBox:asOf"] = "The date (YYYY-MM-DD) whose division geometry is used; default today.",
            ["FeaturesInBox:limit"] = "At most this many features (1 to the documented maximum).",
            ["radius"] = "The distance from the point in metres.",
            ["count"] = "How many markers to answer, nearest first.",
        },
    };
}
