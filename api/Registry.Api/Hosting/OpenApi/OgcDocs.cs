using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>OGC API - Features (<c>/ogc</c>); every operation also answers HEAD (same headers, no body).</summary>
internal static class OgcDocs
{
    private static readonly string[] Query = ["query-parameter-unknown", "format-unsupported"];

    private static readonly Dictionary<string, OperationDoc> Get = new()
    {
        ["OgcLandingPage"] = Op("The OGC API - Features landing page: links to the API definition, the " +
            "conformance declaration and the collections. JSON, or HTML with `f=html` or `Accept: text/html`.", Query),
        ["OgcConformance"] = Op("The conformance classes this service implements, and only those: Part 1 (core, " +
            "oas30, geojson, html), Part 2 (crs), Part 3 (queryables, filter, features-filter) and CQL2 (text, json, " +
            "basic, advanced comparison, spatial and temporal functions, property-property).", Query),
        ["OgcCollections"] = Op("The feature collections: divisions, boundary-lines, place-names (public) and " +
            "markers (roles gis and registrar.boundaries), each with its extent, `crs` list and `storageCrs`.", Query),
        ["OgcCollection"] = Op("One feature collection's description and links (items, queryables).",
            [.. Query, "collection-not-found"]),
        ["OgcQueryables"] = Op("What `filter` may name for this collection, as a JSON Schema " +
            "(`application/schema+json`): each property's type (dates are strings of format `date`) and `geometry`.",
            [.. Query, "collection-not-found"]),
        ["OgcItems"] = Op("The features of a collection as GeoJSON (or HTML), filtered by `bbox` (4 or 6 numbers, " +
            "in `bbox-crs`), `datetime` (an RFC 3339 instant or interval a/b; for divisions every geometry version " +
            "overlapping it, ids `code@vN`, each with its own validity, and `bbox` tests that version's geometry; a " +
            "geometry ends when its division ends) and `filter` (CQL2 text or JSON on the queryables), in `crs`, and " +
            "paged by `limit` (at most 10000; larger is reduced) and the `next` link's `cursor`. Without a filter " +
            "`numberMatched` is given; with one it is left out. The answer's `Content-Crs` header names the CRS.",
            [.. Query, "collection-not-found", "bbox-format", "coordinate-not-finite", "coordinate-out-of-range",
                "datetime-format", "limit-range", "cursor-invalid", "crs-unsupported", "bbox-crs-without-bbox",
                "cql2-invalid", "filter-lang-unsupported", "filter-missing"]),
        ["OgcItem"] = Op("One feature of a collection, as GeoJSON (or HTML), in `crs`. A division's id `code` is " +
            "its geometry in force today; `code@vN` is version N, also after it ended.",
            [.. Query, "collection-not-found", "feature-not-found", "crs-unsupported"]),
    };

    private static readonly string CrsList = "`http://www.opengis.net/def/crs/OGC/1.3/CRS84` (default: longitude, " +
        "latitude), `http://www.opengis.net/def/crs/EPSG/0/4326` (latitude, longitude) or " +
        "`http://www.opengis.net/def/crs/EPSG/0/4490` (CGCS2000, latitude, longitude; the stored coordinates, which " +
        "are WGS84 and CGCS2000 alike at the outlines' precision, are not transformed)";

    public static ResourceDocs Table { get; } = new()
    {
        Operations = Get.Concat(Get.Select(p => KeyValuePair.Create(p.Key + "Head",
                p.Value with { Description = "HEAD: the same status and headers as GET, without a body. " + p.Value.Description })))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        // Each operation's own parameters (OperationId:name), so names as common as limit or bbox stay free for
        // other resources to describe their way.
        Parameters = Get.Keys.SelectMany(op => new[] { op, op + "Head" })
            .SelectMany(op => QueryParameters.Select(p => KeyValuePair.Create(op + ":" + p.Key, p.Value)))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
    };

    private static IReadOnlyDictionary<string, string> QueryParameters => new Dictionary<string, string>
        {
            ["collectionId"] = "A collection: divisions, boundary-lines, place-names or markers.",
            ["featureId"] = "A feature id within the collection (a division code or code@vN, a line number, a " +
                "place-name id or a marker number), as in the items' `id`.",
            ["f"] = "The encoding: json (GeoJSON / JSON, the default) or html. Without it the Accept header decides.",
            ["limit"] = "Features per page, from 1; default 10; more than 10000 is reduced to 10000.",
            ["bbox"] = "minX,minY,maxX,maxY (or 6 numbers with heights, which are ignored) in `bbox-crs`: in CRS84 " +
                "minLon,minLat,maxLon,maxLat; in EPSG:4326 or EPSG:4490 minLat,minLon,maxLat,maxLon. A box whose " +
                "west edge is east of its east edge crosses the antimeridian.",
            ["bbox-crs"] = "The CRS of `bbox`: " + CrsList + ".",
            ["crs"] = "The CRS of the answer's geometry: " + CrsList + ".",
            ["datetime"] = "An RFC 3339 date or date-time, or an interval a/b with '..' or nothing for an open end " +
                "(divisions only; default today).",
            ["filter"] = "A CQL2 filter on the collection's queryables: comparisons (=, <>, <, <=, >, >=), LIKE, " +
                "BETWEEN, IN, IS NULL, AND/OR/NOT, S_INTERSECTS/S_WITHIN/S_CONTAINS/... with WKT or BBOX (text) or " +
                "GeoJSON (JSON) literals, T_INTERSECTS/T_BEFORE/T_AFTER/T_DURING/... with DATE, TIMESTAMP and " +
                "INTERVAL. E.g. `level='province' AND S_INTERSECTS(geometry,POINT(116.4 39.9))`.",
            ["filter-lang"] = "cql2-text (default) or cql2-json.",
            ["filter-crs"] = "The CRS of the filter's geometry literals: " + CrsList + ".",
            ["cursor"] = "Where the page starts; taken from a `next` link, never written by hand.",
        };
}
