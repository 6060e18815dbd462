using System.Globalization;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Time;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;
using Registry.Api.Ogc;
using Registry.Api.Spatial;

namespace Registry.Api.Endpoints;

/// <summary>
/// OGC API - Features under <c>/ogc</c>, so GIS tools (QGIS, GDAL's OAPIF driver) read the registry directly.
/// Part 1 (OGC 17-069r4): landing page, conformance, collections (divisions, boundary-lines, markers, place-names),
/// items with <c>bbox</c> (4 or 6 numbers), <c>limit</c> (clamped to <see cref="MaxLimit"/>), <c>datetime</c> and
/// <c>next</c> links, single items; GeoJSON and HTML (<c>f=html</c> or <c>Accept: text/html</c>); GET and HEAD.
/// Part 2 (OGC 18-058r1): <c>crs</c> and <c>bbox-crs</c> in CRS84, EPSG:4326 and EPSG:4490 (<see cref="OgcCrs"/>).
/// Part 3 (OGC 19-079r2): queryables per collection and <c>filter</c> in CQL2 text or JSON (<see cref="CqlTextParser"/>).
/// A division's features are its geometry versions: a <c>datetime</c> interval answers every version overlapping it
/// (ids <c>code@vN</c>), an instant (default today) the version then in force (id <c>code</c>); a geometry is shown
/// only while its division is in force, so it ends when the division is merged, abolished or changes code.
/// The markers collection is listed and served only to GIS staff and boundary registrars.
/// </summary>
public static class OgcEndpoints
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 10_000;

    /// <summary>Place names come a thousand to a page at most (each is read from its record), to a depth of 10,000
    /// (as the place-name search pages): narrow the box for more.</summary>
    private const int MaxPlaceNamePage = 1_000;

    private const int MaxPlaceNameOffset = 10_000;

    /// <summary>Records loaded at once while a filter looks for a page of matches.</summary>
    private const int FilterBatch = 64;

    private const string Json = "application/json";
    private const string SchemaJson = "application/schema+json";
    private const string OpenApiJson = "application/vnd.oai.openapi+json;version=3.0";
    private const string Html = "text/html";

    private static readonly string[] FormatOnly = ["f"];

    private static readonly string[] ItemsParameters =
        ["limit", "bbox", "bbox-crs", "datetime", "crs", "filter", "filter-lang", "filter-crs", "cursor", "f"];

    private static readonly string[] ItemParameters = ["crs", "f"];

    /// <summary>The conformance classes implemented, and only those.</summary>
    public static IReadOnlyList<string> ConformsTo { get; } =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
        "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/property-property",
    ];

    public static IEndpointRouteBuilder MapOgcEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/ogc").WithTags("OGC API - Features").AllowAnonymous();
        Map(group, "", LandingPage, "OgcLandingPage", "OGC API landing page", Json, notFound: false);
        Map(group, "/conformance", Conformance, "OgcConformance", "The OGC API conformance classes implemented", Json,
            notFound: false);
        Map(group, "/collections", Collections, "OgcCollections", "The feature collections", Json, notFound: false);
        Map(group, "/collections/{collectionId}", Collection, "OgcCollection", "One feature collection", Json,
            notFound: true);
        Map(group, "/collections/{collectionId}/queryables", Queryables, "OgcQueryables",
            "What a collection's features can be filtered by (JSON Schema)", SchemaJson, notFound: true);
        Map(group, "/collections/{collectionId}/items", Items, "OgcItems",
            "Features of a collection (bbox, datetime, filter, crs, limit; paged by next links)", GeoJson.MediaType,
            notFound: true);
        Map(group, "/collections/{collectionId}/items/{featureId}", Item, "OgcItem", "One feature",
            GeoJson.MediaType, notFound: true);
        return routes;
    }

    /// <summary>GET and HEAD (its own operation in the API definition) of one resource.</summary>
    private static void Map(RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary,
        string contentType, bool notFound)
    {
        foreach (var (method, suffix, text) in new[] { ("GET", "", summary), ("HEAD", "Head", summary + ": headers only") })
        {
            // A handler passed as a Delegate cannot be compiled ahead by the request delegate generator: these few
            // OGC endpoints get their request delegates at run time, as every endpoint did before.
#pragma warning disable RDG002
            var endpoint = group.MapMethods(pattern, [method], handler).WithName(name + suffix).WithSummary(text)
#pragma warning restore RDG002
                .Produces(StatusCodes.Status200OK, typeof(object), contentType, Html)
                .ProducesProblem(StatusCodes.Status400BadRequest);
            if (notFound)
            {
                endpoint.ProducesProblem(StatusCodes.Status404NotFound);
            }
        }
    }

    public static OgcResult LandingPage(HttpContext context)
    {
        var html = Negotiate(context, FormatOnly);
        var root = Root(context);
        const string title = "Registry of the civil-affairs bureau: boundaries and divisions";
        const string description = "Administrative divisions, boundary lines, markers and place names as OGC API - " +
                                   "Features (GeoJSON or HTML; CRS84, EPSG:4326, EPSG:4490; CQL2 filters).";
        var links = new List<(string Href, string Rel, string Type, string Title)>
        {
            (root, "self", html ? Html : Json, "This document"),
            (root + (html ? "?f=json" : "?f=html"), "alternate", html ? Json : Html, "This document"),
            ($"{root}/conformance", "conformance", Json, "Conformance classes"),
            ($"{root}/collections", "data", Json, "Feature collections"),
            ($"{Origin(context)}/swagger/v1/swagger.json", "service-desc", OpenApiJson, "The API definition (OpenAPI 3)"),
            ($"{Origin(context)}/swagger", "service-doc", Html, "The API documentation"),
        };
        if (html)
        {
            return OgcResult.Html(OgcHtml.Page(title, Navigation(root), $"<p>{OgcHtml.E(description)}</p>" +
                OgcHtml.List(links.Skip(1).Select(l => OgcHtml.A(l.Href, l.Title) + $" ({OgcHtml.E(l.Rel)})"))));
        }

        return OgcResult.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("title", title);
            w.WriteString("description", description);
            WriteLinks(w, links);
            w.WriteEndObject();
        }, Json);
    }

    public static OgcResult Conformance(HttpContext context)
    {
        var html = Negotiate(context, FormatOnly);
        if (html)
        {
            return OgcResult.Html(OgcHtml.Page("Conformance classes", Navigation(Root(context)),
                OgcHtml.List(ConformsTo.Select(c => $"<code>{OgcHtml.E(c)}</code>"))));
        }

        return OgcResult.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("conformsTo");
            foreach (var uri in ConformsTo)
            {
                w.WriteStringValue(uri);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);
    }

    public static async Task<OgcResult> Collections(HttpContext context, SpatialReadCache cache)
    {
        var html = Negotiate(context, FormatOnly);
        var visible = OgcCollection.All.Where(c => !c.Restricted || SpatialHosting.MayReadMarkers(context.User)).ToList();
        var extents = await Task.WhenAll(visible.Select(c => ExtentAsync(cache, c.Layer)));
        var root = Root(context);
        if (html)
        {
            var rows = visible.Select((c, i) => $"<h2>{OgcHtml.A($"{root}/collections/{c.Id}", c.Title)}</h2>" +
                                                $"<p>{OgcHtml.E(c.Description)}</p>" +
                                                $"<p>{OgcHtml.A($"{root}/collections/{c.Id}/items", "Features")} · " +
                                                $"extent {OgcHtml.E(Box(extents[i]))}</p>");
            return OgcResult.Html(OgcHtml.Page("Feature collections", Navigation(root), string.Concat(rows)));
        }

        return OgcResult.Json(w =>
        {
            w.WriteStartObject();
            WriteLinks(w, [
                ($"{root}/collections", "self", Json, "The feature collections"),
                ($"{root}/collections?f=html", "alternate", Html, "The feature collections"),
            ]);
            w.WriteStartArray("collections");
            for (var i = 0; i < visible.Count; i++)
            {
                WriteCollection(w, root, visible[i], extents[i]);
            }

            w.WriteEndArray();
            w.WriteStartArray("crs");
            foreach (var crs in OgcCrs.Supported)
            {
                w.WriteStringValue(crs.Uri);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, Json);
    }

    public static async Task<OgcResult> Collection(string collectionId, HttpContext context, SpatialReadCache cache)
    {
        var html = Negotiate(context, FormatOnly);
        var collection = Find(collectionId, context);
        var extent = await ExtentAsync(cache, collection.Layer);
        var root = Root(context);
        if (html)
        {
            var self = $"{root}/collections/{collection.Id}";
            return OgcResult.Html(OgcHtml.Page(collection.Title, Navigation(root),
                $"<p>{OgcHtml.E(collection.Description)}</p>" + OgcHtml.List([
                    OgcHtml.A($"{self}/items", "Features"),
                    OgcHtml.A($"{self}/queryables?f=html", "Queryables (what filters may use)"),
                    OgcHtml.A($"{self}?f=json", "This collection as JSON"),
                    $"Extent (CRS84): {OgcHtml.E(Box(extent))}",
                    "CRS: " + string.Join(", ", OgcCrs.Supported.Select(c => $"<code>{OgcHtml.E(c.Uri)}</code>")),
                ])));
        }

        return OgcResult.Json(w => WriteCollection(w, root, collection, extent), Json);
    }

    public static OgcResult Queryables(string collectionId, HttpContext context)
    {
        var html = Negotiate(context, FormatOnly);
        var collection = Find(collectionId, context);
        var queryables = OgcQueryables.For(collection.Layer);
        var root = Root(context);
        var self = $"{root}/collections/{collection.Id}/queryables";
        if (html)
        {
            return OgcResult.Html(OgcHtml.Page($"{collection.Title}: queryables", Navigation(root),
                "<p>Use these names in <code>filter</code> (CQL2 text or JSON).</p>" + OgcHtml.List(
                    new[] { $"<code>{OgcQueryables.GeometryName}</code>: {OgcHtml.E(queryables.GeometryFormat)}" }
                        .Concat(queryables.Properties.Select(p =>
                            $"<code>{OgcHtml.E(p.Name)}</code> ({OgcHtml.E(p.Format ?? p.Type)}): {OgcHtml.E(p.Title)}")))));
        }

        return OgcResult.Json(w => queryables.Write(w, self, collection.Title), SchemaJson);
    }

    public static async Task<OgcResult> Items(string collectionId, HttpContext context, SpatialReadCache cache,
        DivisionFactsCache facts, IGrainFactory grains, BureauClock clock)
    {
        var query = context.Request.Query;
        var checks = new RequestChecks();
        var html = Negotiate(context, ItemsParameters, checks);
        var collection = Find(collectionId, context);
        var limit = DefaultLimit;
        if (!string.IsNullOrEmpty(query["limit"]))
        {
            if (!int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1)
            {
                // A number too large to read is clamped like any other above the maximum.
                limit = query["limit"].ToString().All(char.IsAsciiDigit) && query["limit"].ToString().Any(c => c != '0')
                    ? MaxLimit
                    : 0;
                if (limit == 0)
                {
                    checks.Fail("limit", "limit-range", $"'limit' is a whole number from 1 (at most {MaxLimit} are " +
                                                        "returned; a larger limit is reduced to that).");
                }
            }

            limit = Math.Clamp(limit, 1, MaxLimit);
        }

        var crs = Crs(checks, "crs", query["crs"]);
        var bboxCrs = Crs(checks, "bbox-crs", query["bbox-crs"]);
        var filterCrs = Crs(checks, "filter-crs", query["filter-crs"]);
        var bboxText = query["bbox"].ToString();
        if (!string.IsNullOrEmpty(query["bbox-crs"]) && string.IsNullOrEmpty(bboxText))
        {
            checks.Fail("bbox-crs", "bbox-crs-without-bbox", "'bbox-crs' says the CRS of 'bbox', which is missing.");
        }

        var boxes = SpatialRequest.Box(checks, "bbox",
            string.IsNullOrEmpty(bboxText) ? null : string.Join(',', bboxCrs.BoxToLonLat(bboxText.Split(','))))
            ?? [new BoundingBox(-180, -90, 180, 90)];
        var (start, end) = Interval(checks, query["datetime"], clock);
        var after = Cursor(checks, query["cursor"]);
        var filter = Filter(checks, query, collection, filterCrs);
        checks.ThrowIfAny();

        var queryables = OgcQueryables.For(collection.Layer);
        Func<OgcFeature, bool> matches = filter is null
            ? _ => true
            : f => new CqlEvaluator(name => f.Value(name, queryables), clock.Zone).Matches(filter);
        var page = new List<OgcFeature>();
        int? matched;
        string? next;
        if (collection.Layer == SpatialLayer.PlaceNames)
        {
            (matched, next) = await PlaceNamePageAsync(grains, boxes, after, limit, filter is null, matches, page);
        }
        else
        {
            var today = clock.Today;
            var temporal = collection.Temporal;
            var (from, until) = !temporal ? (null, null)
                : string.IsNullOrEmpty(query["datetime"]) ? (today, today) : (start, end);
            var versionIds = temporal && from != until;
            var candidates = await CandidatesAsync(cache, facts, collection, boxes, from, until);
            var remaining = after is null
                ? candidates
                : candidates.Where(c => c.Key.CompareTo(OgcFeatureKey.Parse(after)) > 0).ToList();
            matched = filter is null ? candidates.Count : null;
            OgcFeatureKey? last = null;
            var more = false;
            if (filter is null)
            {
                var slice = remaining.Take(limit).ToList();
                var loaded = await Task.WhenAll(slice.Select(c => LoadAsync(grains, collection, c, versionIds, today)));
                page.AddRange(loaded.OfType<OgcFeature>());
                more = remaining.Count > slice.Count;
                last = slice.Count > 0 ? slice[^1].Key : null;
            }
            else
            {
                // Read on until one match past the page is seen, so a next link always leads to features.
                foreach (var batch in remaining.Chunk(FilterBatch))
                {
                    var loaded = await Task.WhenAll(batch.Select(c => LoadAsync(grains, collection, c, versionIds, today)));
                    foreach (var (candidate, feature) in batch.Zip(loaded))
                    {
                        var match = feature is not null && matches(feature);
                        if (page.Count == limit)
                        {
                            more = match;
                            if (more)
                            {
                                break;
                            }

                            last = candidate.Key;
                            continue;
                        }

                        last = candidate.Key;
                        if (match)
                        {
                            page.Add(feature!);
                        }
                    }

                    if (more)
                    {
                        break;
                    }
                }
            }

            next = more && last is { } key ? key.ToString() : null;
        }

        return ItemsResult(context, collection, clock, crs, html, matched, page,
            next is null ? null : Next(query, limit, next));
    }

    public static async Task<OgcResult> Item(string collectionId, string featureId, HttpContext context,
        DivisionFactsCache facts, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks();
        var html = Negotiate(context, ItemParameters, checks);
        var collection = Find(collectionId, context);
        var crs = Crs(checks, "crs", context.Request.Query["crs"]);
        checks.ThrowIfAny();
        var today = clock.Today;
        var key = collection.Temporal ? OgcFeatureKey.Parse(featureId) : new OgcFeatureKey(featureId, 0);
        OgcFeature? feature = null;
        if (collection.Layer == SpatialLayer.Divisions)
        {
            if (await DivisionVersionAsync(grains, facts, key, today) is { } candidate)
            {
                feature = await LoadAsync(grains, collection, candidate, key.Version != 0, today);
            }
        }
        else if (collection.Layer == SpatialLayer.PlaceNames)
        {
            feature = await PlaceNameAsync(grains, featureId);
        }
        else
        {
            feature = await LoadAsync(grains, collection, new Candidate(key, null, null), false, today);
        }

        if (feature is null)
        {
            throw DomainException.NotFound("feature-not-found", collection.Temporal && key.Version == 0
                ? $"The {collection.Id} collection has no feature {featureId} in force today (a past geometry is " +
                  $"{featureId}@vN; see the items with a datetime interval)."
                : $"The {collection.Id} collection has no feature {featureId}.");
        }

        var root = Root(context);
        var self = $"{root}/collections/{collection.Id}/items/{Uri.EscapeDataString(featureId)}";
        if (html)
        {
            return OgcResult.Html(OgcHtml.Page($"{collection.Title}: {feature.Id}", Navigation(root,
                    ($"{root}/collections/{collection.Id}", collection.Title),
                    ($"{root}/collections/{collection.Id}/items", "Features"), ($"{self}?f=json", "GeoJSON")),
                OgcHtml.Properties(feature.Properties) +
                OgcHtml.Map(feature.Geometry is null ? [] : [(feature.Geometry, self, feature.Id)])), crs.Uri);
        }

        return OgcResult.Json(w => WriteFeature(w, feature, crs, l => WriteLinks(l, [
            (self, "self", GeoJson.MediaType, feature.Id),
            ($"{self}?f=html", "alternate", Html, feature.Id),
            ($"{root}/collections/{collection.Id}", "collection", Json, collection.Title),
        ])), GeoJson.MediaType, crs.Uri);
    }

    /// <summary>A page of features with its self, alternate, collection and (when <paramref name="next"/> is given)
    /// next links; <paramref name="matched"/> null (a filter was applied page by page) leaves numberMatched out.
    /// </summary>
    private static OgcResult ItemsResult(HttpContext context, OgcCollection collection, BureauClock clock, OgcCrs crs,
        bool html, int? matched, IReadOnlyList<OgcFeature> features, string? next)
    {
        var root = Root(context);
        var items = $"{root}/collections/{collection.Id}/items";
        var query = context.Request.QueryString.Value ?? "";
        if (html)
        {
            var columns = OgcQueryables.For(collection.Layer).Properties.Take(5).Select(p => p.Name).ToList();
            var body = $"<p>{features.Count} feature(s) on this page" +
                       (matched is { } m ? $" of {m} matched" : "") + ".</p>" +
                       OgcHtml.Map(features.Where(f => f.Geometry is not null)
                           .Select(f => (f.Geometry!, $"{items}/{Uri.EscapeDataString(f.Id)}", f.Id)).ToList()) +
                       OgcHtml.Features(features, columns, f => $"{items}/{Uri.EscapeDataString(f.Id)}") +
                       (next is null ? "" : $"<p>{OgcHtml.A(items + next, "Next page")}</p>");
            return OgcResult.Html(OgcHtml.Page($"{collection.Title}: features", Navigation(root,
                ($"{root}/collections/{collection.Id}", collection.Title),
                (items + Format(query, "json"), "GeoJSON")), body), crs.Uri);
        }

        return OgcResult.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteString("timeStamp", clock.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            if (matched is { } count)
            {
                w.WriteNumber("numberMatched", count);
            }

            w.WriteNumber("numberReturned", features.Count);
            w.WriteStartArray("features");
            foreach (var feature in features)
            {
                WriteFeature(w, feature, crs, null);
            }

            w.WriteEndArray();
            var links = new List<(string, string, string, string)>
            {
                (items + query, "self", GeoJson.MediaType, "This page"),
                (items + Format(query, "html"), "alternate", Html, "This page"),
                ($"{root}/collections/{collection.Id}", "collection", Json, collection.Title),
            };
            if (next is not null)
            {
                links.Add((items + next, "next", GeoJson.MediaType, "Next page"));
            }

            WriteLinks(w, links);
            w.WriteEndObject();
        }, GeoJson.MediaType, crs.Uri);
    }

    private static void WriteFeature(Utf8JsonWriter w, OgcFeature feature, OgcCrs crs, Action<Utf8JsonWriter>? links)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteString("id", feature.Id);
        w.WritePropertyName("geometry");
        if (feature.Geometry is null)
        {
            w.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(w, crs.Swap(feature.Geometry), GeoJson.Options);
        }

        w.WritePropertyName("properties");
        feature.Properties.WriteTo(w);
        links?.Invoke(w);
        w.WriteEndObject();
    }

    /// <summary>
    /// The features of a boundary layer in the boxes, in key order. For divisions each geometry version overlapping
    /// [<paramref name="start"/>, <paramref name="end"/>] is one, its validity cut to its division's (a geometry ends
    /// when its division ends), and the box is tested against that version's own geometry.
    /// </summary>
    private static async Task<List<Candidate>> CandidatesAsync(SpatialReadCache cache, DivisionFactsCache facts,
        OgcCollection collection, IReadOnlyList<BoundingBox> boxes, DateOnly? start, DateOnly? end)
    {
        var found = new Dictionary<OgcFeatureKey, Candidate>();
        foreach (var box in boxes)
        {
            foreach (var tile in await cache.GetTilesAsync(collection.Layer, box))
            {
                foreach (var hit in tile.QueryBox(box, start, end))
                {
                    var key = new OgcFeatureKey(hit.Entry.RecordKey, collection.Temporal ? hit.Entry.Part : 0);
                    found.TryAdd(key, new Candidate(key, hit.Entry.From, hit.Entry.Until));
                }
            }
        }

        var kept = new List<Candidate>(found.Count);
        foreach (var candidate in found.Values)
        {
            var shown = collection.Layer == SpatialLayer.Divisions
                ? await WhileDivisionInForceAsync(facts, candidate)
                : candidate;
            if (shown is not null && Overlaps(shown, start, end))
            {
                kept.Add(shown);
            }
        }

        kept.Sort((a, b) => a.Key.CompareTo(b.Key));
        return kept;
    }

    /// <summary>A registry division's geometry version cut to the division's own validity; null when nothing is
    /// left. Reference areas have no registry validity and keep theirs.</summary>
    private static async Task<Candidate?> WhileDivisionInForceAsync(DivisionFactsCache facts, Candidate candidate)
    {
        if (!DivisionRef.IsRegistryCode(candidate.Key.Record) ||
            await facts.GetAsync(candidate.Key.Record) is not { } division)
        {
            return candidate;
        }

        var from = candidate.From is { } a && division.ValidFrom is { } b ? (a > b ? a : b) : candidate.From ?? division.ValidFrom;
        var until = candidate.Until is { } c && division.ValidTo is { } d ? (c < d ? c : d) : candidate.Until ?? division.ValidTo;
        return from is { } f && until is { } u && f >= u ? null : candidate with { From = from, Until = until };
    }

    private static bool Overlaps(Candidate c, DateOnly? start, DateOnly? end) =>
        (end is null || c.From is null || c.From <= end) && (start is null || c.Until is null || start < c.Until);

    /// <summary>The version of a division an item id names (<c>code@vN</c>, or <c>code</c>: the one in force
    /// today), cut to the division's validity; null when there is none.</summary>
    private static async Task<Candidate?> DivisionVersionAsync(IGrainFactory grains, DivisionFactsCache facts,
        OgcFeatureKey key, DateOnly today)
    {
        if (!DivisionRef.IsWellFormed(key.Record))
        {
            return null;
        }

        var versions = await grains.Get<IDivisionGeometryGrain>(key.Record).GetVersionsAsync();
        foreach (var version in versions)
        {
            if (key.Version != 0 && version.Number != key.Version)
            {
                continue;
            }

            var candidate = await WhileDivisionInForceAsync(facts,
                new Candidate(new OgcFeatureKey(key.Record, version.Number), version.From, version.Until));
            if (candidate is not null && (key.Version != 0 || Overlaps(candidate, today, today)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The feature of a candidate, read from its record; null when it vanished or changed meanwhile.
    /// </summary>
    private static async Task<OgcFeature?> LoadAsync(IGrainFactory grains, OgcCollection collection,
        Candidate candidate, bool versionIds, DateOnly today)
    {
        var key = candidate.Key.Record;
        try
        {
            switch (collection.Layer)
            {
                case SpatialLayer.Divisions:
                    var last = candidate.Until?.AddDays(-1);
                    var asOf = last is { } l && today > l ? l
                        : candidate.From is { } f && today < f ? f
                        : today;
                    var details = await grains.Get<IDivisionGeometryGrain>(key).GetAsync(asOf);
                    if (details.Version.Number != candidate.Key.Version)
                    {
                        return null;
                    }

                    details = details with
                    {
                        Version = details.Version with { From = candidate.From, Until = candidate.Until },
                    };
                    return OgcFeature.From(versionIds ? candidate.Key.ToString() : key, candidate.Key,
                        w => FeatureWriters.Division(w, details));
                case SpatialLayer.BoundaryLines:
                    var line = await grains.Get<IBoundaryLineGrain>(key).GetAsync();
                    return OgcFeature.From(key, candidate.Key, w => FeatureWriters.Line(w, line));
                case SpatialLayer.Markers:
                    var marker = await grains.Get<IBoundaryMarkerGrain>(key).GetAsync();
                    return OgcFeature.From(key, candidate.Key, w => FeatureWriters.Marker(w, marker));
                default:
                    return await PlaceNameAsync(grains, key);
            }
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    private static async Task<OgcFeature?> PlaceNameAsync(IGrainFactory grains, string id) =>
        await PlaceNameFeatures.LoadAsync(grains, id) is { } write
            ? OgcFeature.From(id, new OgcFeatureKey(id, 0), write)
            : null;

    /// <summary>
    /// Place names page by offset into the place-name index (the cursor holds it), to a depth of
    /// <see cref="MaxPlaceNameOffset"/>. With a filter the index is read on until a page of matches is found.
    /// </summary>
    private static async Task<(int? Matched, string? Next)> PlaceNamePageAsync(IGrainFactory grains,
        IReadOnlyList<BoundingBox> boxes, string? after, int limit, bool unfiltered, Func<OgcFeature, bool> matches,
        List<OgcFeature> page)
    {
        var offset = 0;
        if (after is not null && (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out offset) ||
                                  offset > MaxPlaceNameOffset))
        {
            new RequestChecks().Fail("cursor", "cursor-invalid", "'cursor' comes from a next link; it was altered.")
                .ThrowIfAny();
        }

        var take = Math.Min(limit, MaxPlaceNamePage);
        var total = 0;
        while (page.Count < take && offset < MaxPlaceNameOffset)
        {
            var (count, ids) = await PlaceNameFeatures.IdsAsync(grains, boxes, offset, take);
            total = count;
            var loaded = await Task.WhenAll(ids.Select(id => PlaceNameAsync(grains, id)));
            var used = 0;
            foreach (var feature in loaded)
            {
                if (page.Count == take)
                {
                    break;
                }

                used++;
                if (feature is not null && matches(feature))
                {
                    page.Add(feature);
                }
            }

            offset += used;
            if (ids.Count == 0 || offset >= Math.Min(total, MaxPlaceNameOffset))
            {
                break;
            }
        }

        var more = offset < Math.Min(total, MaxPlaceNameOffset);
        return (unfiltered ? total : null, more ? offset.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The filter of an items request, parsed and checked against the collection's queryables, with its
    /// geometry in lon/lat; null when there is none.</summary>
    private static CqlExpression? Filter(RequestChecks checks, IQueryCollection query, OgcCollection collection,
        OgcCrs filterCrs)
    {
        var text = query["filter"].ToString();
        var language = query["filter-lang"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            if (!string.IsNullOrEmpty(language) || !string.IsNullOrEmpty(query["filter-crs"]))
            {
                checks.Fail("filter", "filter-missing", "'filter-lang' and 'filter-crs' describe a 'filter', which is missing.");
            }

            return null;
        }

        if (language is not ("" or "cql2-text" or "cql2-json"))
        {
            checks.Fail("filter-lang", "filter-lang-unsupported", "'filter-lang' is cql2-text (the default) or cql2-json.");
            return null;
        }

        try
        {
            var expression = language == "cql2-json" ? CqlJsonParser.Parse(text) : CqlTextParser.Parse(text);
            var queryables = OgcQueryables.For(collection.Layer);
            if (expression.Properties().FirstOrDefault(p => !queryables.Has(p.Name)) is { } unknown)
            {
                throw new CqlException("property " + unknown.Name,
                    $"'{unknown.Name}' is not a queryable of {collection.Id} (see its /queryables)");
            }

            return expression.MapGeometries(filterCrs.Swap);
        }
        catch (CqlException e)
        {
            checks.Fail("filter", "cql2-invalid", $"The filter is not valid {(language == "" ? "cql2-text" : language)}: " +
                                                  $"at {e.Position}, {e.Reason}.");
            return null;
        }
    }

    private static OgcCrs Crs(RequestChecks checks, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return OgcCrs.Crs84;
        }

        if (OgcCrs.Find(text) is { } crs)
        {
            return crs;
        }

        checks.Fail(field, "crs-unsupported",
            $"'{field}' is one of {string.Join(", ", OgcCrs.Supported.Select(c => c.Uri))}.");
        return OgcCrs.Crs84;
    }

    /// <summary>Checks the query's parameter names and <c>f</c>, and says whether to answer in HTML:
    /// <c>f=html</c>, or no <c>f</c> and an Accept header preferring text/html to JSON.</summary>
    private static bool Negotiate(HttpContext context, string[] allowed, RequestChecks? collect = null)
    {
        var checks = collect ?? new RequestChecks();
        var query = context.Request.Query;
        foreach (var unknown in query.Keys.Where(k => !allowed.Contains(k)))
        {
            checks.Fail(unknown, "query-parameter-unknown",
                $"'{unknown}' is not a parameter of this resource ({string.Join(", ", allowed)}).");
        }

        var html = false;
        var f = query["f"].ToString();
        if (f.Length > 0)
        {
            html = f == "html";
            if (f is not ("json" or "html"))
            {
                checks.Fail("f", "format-unsupported", "'f' is json or html.");
            }
        }
        else
        {
            var best = context.Request.GetTypedHeaders().Accept
                .Where(a => a.MediaType.Value is Html or Json or GeoJson.MediaType or SchemaJson)
                .OrderByDescending(a => a.Quality ?? 1)
                .FirstOrDefault();
            html = best?.MediaType.Value == Html;
        }

        if (collect is null)
        {
            checks.ThrowIfAny();
        }

        return html;
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
        var self = $"{root}/collections/{collection.Id}";
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
        w.WriteString("crs", OgcCrs.Crs84.Uri);
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
        foreach (var crs in OgcCrs.Supported)
        {
            w.WriteStringValue(crs.Uri);
        }

        w.WriteEndArray();
        w.WriteString("storageCrs", OgcCrs.Crs84.Uri);
        WriteLinks(w, [
            (self, "self", Json, collection.Title),
            ($"{self}?f=html", "alternate", Html, collection.Title),
            ($"{self}/items", "items", GeoJson.MediaType, collection.Title),
            ($"{self}/items?f=html", "items", Html, collection.Title),
            ($"{self}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", SchemaJson,
                "Queryables of " + collection.Title),
        ]);
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

    /// <summary>The query string with <c>f</c> set to <paramref name="format"/>.</summary>
    private static string Format(string query, string format)
    {
        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)
            .Where(p => p.Key != "f")
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}")
            .Append($"f={format}");
        return "?" + string.Join("&", parameters);
    }

    private static string Box(BoundingBox? box) => box is { } b
        ? FormattableString.Invariant($"{b.MinLon:0.###}, {b.MinLat:0.###} – {b.MaxLon:0.###}, {b.MaxLat:0.###}")
        : "empty";

    private static IEnumerable<(string Href, string Text)> Navigation(string root,
        params (string Href, string Text)[] more) =>
        new[] { (root, "Landing page"), ($"{root}/collections", "Collections"), ($"{root}/conformance", "Conformance") }
            .Concat(more);

    private static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    private static string Root(HttpContext context) => Origin(context) + "/ogc";

    private static void WriteLinks(Utf8JsonWriter w, IEnumerable<(string Href, string Rel, string Type, string Title)> links)
    {
        w.WriteStartArray("links");
        foreach (var (href, rel, type, title) in links)
        {
            w.WriteStartObject();
            w.WriteString("href", href);
            w.WriteString("rel", rel);
            w.WriteString("type", type);
            w.WriteString("title", title);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>One feature to show: a record (and version) with the validity it is shown with.</summary>
    private sealed record Candidate(OgcFeatureKey Key, DateOnly? From, DateOnly? Until);
}
