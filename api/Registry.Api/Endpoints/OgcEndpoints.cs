using System.Globalization;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Time;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;
using Registry.Api.Spatial;

namespace Registry.Api.Endpoints;

/// <summary>
/// OGC API - Features - Part 1: Core (OGC 17-069r4) under <c>/ogc</c>, GeoJSON encoding, so GIS tools (QGIS, GDAL's
/// OAPIF driver) read the registry directly: landing page, conformance, collections (divisions, boundary-lines,
/// markers, place-names), items with <c>bbox</c>, <c>limit</c>, <c>datetime</c> and <c>next</c> links, single items.
/// Coordinates are CRS84 (WGS84 longitude, latitude). The markers collection is listed and served only to GIS staff
/// and boundary registrars.
/// </summary>
public static class OgcEndpoints
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 10_000;

    /// <summary>Place names come a thousand to a page at most (each is read from its record), to a depth of 10,000
    /// (as the place-name search pages): narrow the box for more.</summary>
    private const int MaxPlaceNamePage = 1_000;

    private const int MaxPlaceNameOffset = 10_000;
    private const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    private const string Json = "application/json";
    private static readonly string[] ItemParameters = ["limit", "bbox", "datetime", "cursor", "f"];

    public static IEndpointRouteBuilder MapOgcEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/ogc").WithTags("OGC API - Features").AllowAnonymous();
        group.MapGet("", LandingPage).WithName("OgcLandingPage").WithSummary("OGC API landing page")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        group.MapGet("/conformance", Conformance).WithName("OgcConformance")
            .WithSummary("The OGC API conformance classes implemented")
            .Produces(StatusCodes.Status200OK, contentType: Json);
        group.MapGet("/collections", Collections).WithName("OgcCollections")
            .WithSummary("The feature collections").Produces(StatusCodes.Status200OK, contentType: Json);
        group.MapGet("/collections/{collectionId}", Collection).WithName("OgcCollection")
            .WithSummary("One feature collection").Produces(StatusCodes.Status200OK, contentType: Json)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/items", Items).WithName("OgcItems")
            .WithSummary("Features of a collection (bbox, datetime, limit; paged by next links)")
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/collections/{collectionId}/items/{featureId}", Item).WithName("OgcItem")
            .WithSummary("One feature").Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    public static GeoJsonResult LandingPage(HttpContext context)
    {
        var root = Root(context);
        return new GeoJsonResult(w =>
        {
            w.WriteStartObject();
            w.WriteString("title", "Registry of the civil-affairs bureau: boundaries and divisions");
            w.WriteString("description",
                "Administrative divisions, boundary lines and markers as OGC API - Features (GeoJSON, CRS84).");
            w.WriteStartArray("links");
            Link(w, root, "self", Json, "This document");
            Link(w, $"{root}/conformance", "conformance", Json, "Conformance classes");
            Link(w, $"{root}/collections", "data", Json, "Feature collections");
            Link(w, $"{Origin(context)}/swagger/v1/swagger.json", "service-desc",
                "application/vnd.oai.openapi+json;version=3.0", "The API definition (OpenAPI 3)");
            Link(w, $"{Origin(context)}/swagger", "service-doc", "text/html", "The API documentation");
            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);
    }

    public static GeoJsonResult Conformance() => new(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("conformsTo");
        w.WriteStringValue("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core");
        w.WriteStringValue("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
        w.WriteStringValue("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
        w.WriteEndArray();
        w.WriteEndObject();
    }, Json);

    public static async Task<GeoJsonResult> Collections(HttpContext context, SpatialReadCache cache)
    {
        var visible = OgcCollection.All.Where(c => !c.Restricted || SpatialHosting.MayReadMarkers(context.User)).ToList();
        var extents = await Task.WhenAll(visible.Select(c => ExtentAsync(cache, c.Layer)));
        var root = Root(context);
        return new GeoJsonResult(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("links");
            Link(w, $"{root}/collections", "self", Json, "The feature collections");
            w.WriteEndArray();
            w.WriteStartArray("collections");
            for (var i = 0; i < visible.Count; i++)
            {
                WriteCollection(w, root, visible[i], extents[i]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);
    }

    public static async Task<GeoJsonResult> Collection(string collectionId, HttpContext context,
        SpatialReadCache cache)
    {
        var collection = Find(collectionId, context);
        var extent = await ExtentAsync(cache, collection.Layer);
        return new GeoJsonResult(w => WriteCollection(w, Root(context), collection, extent), Json);
    }

    public static async Task<GeoJsonResult> Items(string collectionId, HttpContext context, SpatialQueries queries,
        IGrainFactory grains, BureauClock clock)
    {
        var collection = Find(collectionId, context);
        var query = context.Request.Query;
        var checks = new RequestChecks();
        foreach (var unknown in query.Keys.Where(k => !ItemParameters.Contains(k)))
        {
            checks.Fail(unknown, "query-parameter-unknown",
                $"'{unknown}' is not a parameter of this resource ({string.Join(", ", ItemParameters)}).");
        }

        var limit = DefaultLimit;
        if (!string.IsNullOrEmpty(query["limit"]) &&
            (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) ||
             limit is < 1 or > MaxLimit))
        {
            checks.Fail("limit", "limit-range", $"'limit' is a whole number from 1 to {MaxLimit}.");
        }

        var boxes = SpatialRequest.Box(checks, "bbox", query["bbox"]) ?? [new BoundingBox(-180, -90, 180, 90)];
        var (start, end) = Interval(checks, query["datetime"], clock);
        var after = Cursor(checks, query["cursor"]);
        if (!string.IsNullOrEmpty(query["f"]) && query["f"] != "json")
        {
            checks.Fail("f", "format-unsupported", "Only f=json (GeoJSON) is offered.");
        }

        checks.ThrowIfAny();
        var today = clock.Today;
        DateOnly? from = null;
        DateOnly? until = null;
        if (collection.Temporal)
        {
            (from, until) = string.IsNullOrEmpty(query["datetime"]) ? (today, today) : (start, end);
        }

        if (collection.Layer == SpatialLayer.PlaceNames)
        {
            return await PlaceNameItemsAsync(context, collection, boxes, after, limit, grains, clock);
        }

        var keys = await queries.KeysInBoxesAsync(collection.Layer, boxes, from, until);
        var remaining = after is null ? keys : keys.Where(k => string.CompareOrdinal(k, after) > 0).ToList();
        var page = remaining.Take(limit).ToList();
        var shownOn = Clamp(today, from, until);
        var writers = await FeatureLoading.LoadAsync(grains, collection.Layer, page, shownOn);
        return FeatureCollection(context, collection, clock, keys.Count, writers,
            remaining.Count > page.Count ? Next(query, limit, page[^1]) : null);
    }

    /// <summary>Place names page by offset (the cursor holds it) through the place-name index.</summary>
    private static async Task<GeoJsonResult> PlaceNameItemsAsync(HttpContext context, OgcCollection collection,
        IReadOnlyList<BoundingBox> boxes, string? after, int limit, IGrainFactory grains, BureauClock clock)
    {
        var offset = 0;
        if (after is not null && (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out offset) ||
                                  offset > MaxPlaceNameOffset))
        {
            new RequestChecks().Fail("cursor", "cursor-invalid", "'cursor' comes from a next link; it was altered.")
                .ThrowIfAny();
        }

        var take = Math.Min(limit, MaxPlaceNamePage);
        var (total, features) = await PlaceNameFeatures.PageAsync(grains, boxes, offset, take);
        return FeatureCollection(context, collection, clock, total, features,
            offset + take < Math.Min(total, MaxPlaceNameOffset)
                ? Next(context.Request.Query, take, (offset + take).ToString(CultureInfo.InvariantCulture))
                : null);
    }

    /// <summary>A page of features with its self, collection and (when <paramref name="next"/> is given) next
    /// links.</summary>
    private static GeoJsonResult FeatureCollection(HttpContext context, OgcCollection collection, BureauClock clock,
        int matched, IReadOnlyList<Action<Utf8JsonWriter>> features, string? next)
    {
        var root = Root(context);
        var self = $"{root}/collections/{collection.Id}/items";
        return new GeoJsonResult(w => GeoJsonWriting.WriteFeatureCollection(w, features, before: c =>
        {
            c.WriteString("timeStamp", clock.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            c.WriteNumber("numberMatched", matched);
            c.WriteNumber("numberReturned", features.Count);
        }, after: c =>
        {
            c.WriteStartArray("links");
            Link(c, self + context.Request.QueryString, "self", GeoJson.MediaType, "This page");
            Link(c, $"{root}/collections/{collection.Id}", "collection", Json, collection.Title);
            if (next is not null)
            {
                Link(c, self + next, "next", GeoJson.MediaType, "Next page");
            }

            c.WriteEndArray();
        }));
    }

    public static async Task<GeoJsonResult> Item(string collectionId, string featureId, HttpContext context,
        IGrainFactory grains, BureauClock clock)
    {
        var collection = Find(collectionId, context);
        var root = Root(context);
        var writers = await FeatureLoading.LoadAsync(grains, collection.Layer, [featureId], clock.Today, w =>
        {
            // The feature's own members, then its links.
            w.WriteStartArray("links");
            Link(w, $"{root}/collections/{collection.Id}/items/{Uri.EscapeDataString(featureId)}", "self",
                GeoJson.MediaType, featureId);
            Link(w, $"{root}/collections/{collection.Id}", "collection", Json, collection.Title);
            w.WriteEndArray();
        });
        if (writers.Count == 0)
        {
            throw DomainException.NotFound("feature-not-found",
                $"The {collection.Id} collection has no feature {featureId}.");
        }

        return new GeoJsonResult(writers[0]);
    }

    private static OgcCollection Find(string id, HttpContext context)
    {
        var collection = OgcCollection.Find(id);
        if (collection is null || collection.Restricted && !SpatialHosting.MayReadMarkers(context.User))
        {
            throw DomainException.NotFound("collection-not-found",
                $"No collection {id}. See /ogc/collections for those offered.");
        }

        return collection;
    }

    private static void WriteCollection(Utf8JsonWriter w, string root, OgcCollection collection, BoundingBox? extent)
    {
        w.WriteStartObject();
        w.WriteString("id", collection.Id);
        w.WriteString("title", collection.Title);
        w.WriteString("description", collection.Description);
        w.WriteString("itemType", "feature");
        w.WriteStartObject("extent");
        w.WriteStartObject("spatial");
        w.WriteStartArray("bbox");
        var box = extent ?? new BoundingBox(-180, -90, 180, 90);
        w.WriteStartArray();
        w.WriteNumberValue(box.MinLon);
        w.WriteNumberValue(box.MinLat);
        w.WriteNumberValue(box.MaxLon);
        w.WriteNumberValue(box.MaxLat);
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteString("crs", Crs84);
        w.WriteEndObject();
        if (collection.Temporal)
        {
            w.WriteStartObject("temporal");
            w.WriteStartArray("interval");
            w.WriteStartArray();
            w.WriteNullValue();
            w.WriteNullValue();
            w.WriteEndArray();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartArray("crs");
        w.WriteStringValue(Crs84);
        w.WriteEndArray();
        w.WriteString("storageCrs", Crs84);
        w.WriteStartArray("links");
        Link(w, $"{root}/collections/{collection.Id}", "self", Json, collection.Title);
        Link(w, $"{root}/collections/{collection.Id}/items", "items", GeoJson.MediaType, collection.Title);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The extent of what a layer holds (null: nothing), from the cached tiles' entries.</summary>
    private static async Task<BoundingBox?> ExtentAsync(SpatialReadCache cache, SpatialLayer layer)
    {
        NetTopologySuite.Geometries.Envelope? extent = null;
        foreach (var tile in await cache.GetTilesAsync(layer, new BoundingBox(-180, -90, 180, 90)))
        {
            foreach (var entry in tile.Entries)
            {
                extent ??= new NetTopologySuite.Geometries.Envelope();
                extent.ExpandToInclude(entry.Geometry.EnvelopeInternal);
            }
        }

        return extent is null
            ? null
            : new BoundingBox(Math.Max(-180, extent.MinX), Math.Max(-90, extent.MinY), Math.Min(180, extent.MaxX),
                Math.Min(90, extent.MaxY));
    }

    /// <summary>RFC 3339 instant or interval (".." or empty for an open end) as bureau dates.</summary>
    private static (DateOnly? Start, DateOnly? End) Interval(RequestChecks checks, string? text, BureauClock clock)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        var parts = text.Split('/');
        if (parts.Length > 2)
        {
            checks.Fail("datetime", "datetime-format", "'datetime' is an RFC 3339 date-time or an interval a/b.");
            return (null, null);
        }

        DateOnly? Parse(string part)
        {
            if (part is "" or "..")
            {
                return null;
            }

            if (DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var date))
            {
                return date;
            }

            if (DateTimeOffset.TryParse(part, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                    out var instant) && part.Contains('T', StringComparison.OrdinalIgnoreCase))
            {
                return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, clock.Zone).DateTime);
            }

            checks.Fail("datetime", "datetime-format", "'datetime' is an RFC 3339 date-time or an interval a/b.");
            return null;
        }

        if (parts.Length == 1)
        {
            var instant = Parse(parts[0]);
            return (instant, instant);
        }

        var (start, end) = (Parse(parts[0]), Parse(parts[1]));
        if (start > end)
        {
            checks.Fail("datetime", "datetime-format", "The interval's start comes after its end.");
        }

        return (start, end);
    }

    private static string? Cursor(RequestChecks checks, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/')
                .PadRight(text.Length + (4 - text.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            checks.Fail("cursor", "cursor-invalid", "'cursor' comes from a next link; it was altered.");
            return null;
        }
    }

    private static string Next(IQueryCollection query, int limit, string lastKey)
    {
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey)).TrimEnd('=').Replace('+', '-')
            .Replace('/', '_');
        var parameters = query.Where(p => p.Key is not ("cursor" or "limit"))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append($"limit={limit}")
            .Append($"cursor={cursor}");
        return "?" + string.Join("&", parameters);
    }

    private static DateOnly Clamp(DateOnly today, DateOnly? from, DateOnly? until) =>
        until is { } end && today > end ? end : from is { } start && today < start ? start : today;

    private static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    private static string Root(HttpContext context) => Origin(context) + "/ogc";

    private static void Link(Utf8JsonWriter w, string href, string rel, string type, string title)
    {
        w.WriteStartObject();
        w.WriteString("href", href);
        w.WriteString("rel", rel);
        w.WriteString("type", type);
        w.WriteString("title", title);
        w.WriteEndObject();
    }
}
