using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>OGC API - Features (<c>/ogc</c>).</summary>
internal static class OgcDocs
{
    private static readonly string[] Query = ["query-parameter-unknown", "format-unsupported"];

    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["OgcLandingPage"] = Op("The OGC API - Features landing page: links to the API definition, the " +
                "conformance declaration and the collections.", Query),
            ["OgcConformance"] = Op("The OGC API - Features conformance classes this service implements (Core, " +
                "GeoJSON, OpenAPI 3.0).", Query),
            ["OgcCollections"] = Op("The feature collections: divisions, boundary-lines, place-names (public) and " +
                "markers (roles gis and registrar.boundaries), each with its extent and CRS84.", Query),
            ["OgcCollection"] = Op("One feature collection's description and links.",
                [.. Query, "collection-not-found", "role-required"]),
            ["OgcItems"] = Op("The features of a collection as GeoJSON, filtered by `bbox` " +
                "(minLon,minLat,maxLon,maxLat), `datetime` (an RFC 3339 instant or interval a/b: the division " +
                "geometry then in force) and paged by `limit` and the `next` link's `cursor`.",
                [.. Query, "collection-not-found", "role-required", "bbox-format", "coordinate-not-finite",
                    "coordinate-out-of-range", "datetime-format", "limit-range", "cursor-invalid", "paging-range"]),
            ["OgcItem"] = Op("One feature of a collection, as GeoJSON.",
                [.. Query, "collection-not-found", "feature-not-found", "role-required"]),
        },
        Parameters = new Dictionary<string, string>
        {
            ["collectionId"] = "A collection: divisions, boundary-lines, place-names or markers.",
            ["featureId"] = "A feature id within the collection (a division code, a line number, a place-name " +
                "id or a marker number), as in the items' `id`.",
        },
    };
}
