using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Spatial;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;
using Registry.Api.Spatial;

namespace Registry.Api.Endpoints;

/// <summary>
/// Spatial questions for GIS staff and the public: which divisions contain a point (every level, on a date), records
/// in a box, markers near a point, the boundary between two divisions with its length, and adjacency. Distances and
/// lengths are metres on the WGS84 ellipsoid. Division and line answers are public (the law publishes division
/// boundaries); markers need the <c>gis</c> or <c>registrar.boundaries</c> role.
/// </summary>
public static class SpatialEndpoints
{
    public const int MaxFeatures = 1_000;
    public const double MaxRadiusMetres = 100_000;
    public const int MaxNearest = 100;

    public static IEndpointRouteBuilder MapSpatialEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/spatial").WithTags("Spatial");

        // The hot path: a handler resolved once, see PointQueryEndpoint.
        var pointQuery = routes.ServiceProvider.GetRequiredService<PointQueryEndpoint>();
        group.MapGet("/divisions", (Delegate)pointQuery.HandleAsync)
            .WithName("LocateDivisions")
            .WithSummary("The divisions (every level) whose geometry on a date (default today) contains a point")
            .AllowAnonymous()
            .Produces<PointDivisionsResponse>()
            .ProducesValidationProblem();

        group.MapGet("/divisions/{code}/adjacent", AdjacentDivisions)
            .WithName(nameof(AdjacentDivisions))
            .WithSummary("Divisions of the same level sharing a boundary line with a division on a date")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/boundary", BoundaryBetween)
            .WithName(nameof(BoundaryBetween))
            .WithSummary("The boundary line between two divisions and its length in metres (the recorded line, else " +
                "derived from their geometry on the date)")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/features", FeaturesInBox)
            .WithName(nameof(FeaturesInBox))
            .WithSummary("Divisions, boundary lines or markers intersecting a box, as a GeoJSON FeatureCollection")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/markers/nearby", MarkersNearby)
            .WithName(nameof(MarkersNearby))
            .WithSummary("Boundary markers within a distance (metres) of a point, nearest first")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/markers/nearest", NearestMarkers)
            .WithName(nameof(NearestMarkers))
            .WithSummary("The N boundary markers nearest a point")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return routes;
    }

    public static async Task<Ok<AdjacentDivisionsResponse>> AdjacentDivisions(string code, string? asOf,
        SpatialQueries queries, BureauClock clock)
    {
        var checks = new RequestChecks().DivisionRef("code", code);
        var date = checks.Date("asOf", asOf) ?? clock.Today;
        checks.ThrowIfAny();
        var (division, adjacent) = await queries.AdjacentAsync(code, date);
        return TypedResults.Ok(new AdjacentDivisionsResponse(division.Key, date, adjacent
            .Select(a => new AdjacentDivisionResponse(a.Neighbour.Key, a.Neighbour.Name, a.Neighbour.Level,
                Math.Round(a.Metres, 1)))
            .ToList()));
    }

    public static async Task<GeoJsonResult> BoundaryBetween(string? between, string? asOf, SpatialQueries queries,
        BureauClock clock)
    {
        var checks = new RequestChecks().Required("between", between);
        var date = checks.Date("asOf", asOf) ?? clock.Today;
        var sides = between?.Split(',', StringSplitOptions.TrimEntries) ?? [];
        if (between is not null && sides.Length != 2)
        {
            checks.Fail("between", "division-pair", "'between' is two division codes separated by a comma.");
        }

        foreach (var side in sides)
        {
            checks.DivisionRef("between", side);
        }

        checks.ThrowIfAny();
        var number = BoundaryLineNumber.For(sides[0], sides[1]);
        if (await queries.LineAsync(number) is { } line)
        {
            return new GeoJsonResult(w => FeatureWriters.Line(w, line));
        }

        var (shared, a, b) = await queries.SharedBoundaryAsync(sides[0], sides[1], date);
        if (shared.IsEmpty)
        {
            throw DomainException.NotFound("boundary-not-found",
                $"No line between {a.Key} and {b.Key} is recorded, and their geometries on {date:yyyy-MM-dd} share " +
                "no boundary.");
        }

        var (first, second) = BoundaryLineNumber.Order(a.Key, b.Key);
        return new GeoJsonResult(w => GeoJsonWriting.WriteFeature(w, number, shared, p =>
        {
            p.WriteString("number", number);
            p.WriteString("divisionA", first);
            p.WriteString("divisionB", second);
            p.WriteNumber("lengthMetres", Math.Round(Geodesy.LengthMetres(shared), 1));
            p.WriteString("asOf", date.ToString("yyyy-MM-dd"));
            p.WriteString("source", "derived-from-geometry");
        }));
    }

    public static async Task<IResult> FeaturesInBox(HttpContext context, string? bbox, string? layer, string? asOf,
        int? limit, SpatialQueries queries, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks().Required("bbox", bbox).Required("layer", layer);
        var boxes = SpatialRequest.Box(checks, "bbox", bbox);
        var date = checks.Date("asOf", asOf) ?? clock.Today;
        var spatialLayer = layer is null ? null : SpatialTiling.ParseLayer(layer);
        if (layer is not null && spatialLayer is not (SpatialLayer.Divisions or SpatialLayer.BoundaryLines or
                SpatialLayer.Markers))
        {
            checks.Fail("layer", "layer-unknown", "'layer' is divisions, boundary-lines or markers.");
        }

        if (limit is < 1 or > MaxFeatures)
        {
            checks.Fail("limit", "limit-range", $"'limit' is between 1 and {MaxFeatures}.");
        }

        checks.ThrowIfAny();
        if (spatialLayer == SpatialLayer.Markers && !SpatialHosting.MayReadMarkers(context.User))
        {
            return context.User.Identity?.IsAuthenticated == true ? TypedResults.Forbid() : TypedResults.Challenge();
        }

        var keys = await queries.KeysInBoxesAsync(spatialLayer!.Value, boxes!,
            spatialLayer == SpatialLayer.Divisions ? date : null, spatialLayer == SpatialLayer.Divisions ? date : null);
        if (spatialLayer == SpatialLayer.Divisions)
        {
            keys = await queries.InForceAsync(keys, date);
        }

        var page = keys.Take(limit ?? 100).ToList();
        var writers = await FeatureLoading.LoadAsync(grains, spatialLayer.Value, page, date);
        return new GeoJsonResult(w => GeoJsonWriting.WriteFeatureCollection(w, writers, before: c =>
        {
            c.WriteNumber("numberMatched", keys.Count);
            c.WriteNumber("numberReturned", writers.Count);
        }));
    }

    public static async Task<GeoJsonResult> MarkersNearby(string? lon, string? lat, string? radius,
        SpatialQueries queries, IGrainFactory grains)
    {
        var checks = new RequestChecks();
        var position = SpatialRequest.Position(checks, lon, lat);
        var metres = SpatialRequest.Number(checks, "radius", radius);
        if (metres is { } r && r is <= 0 or > MaxRadiusMetres)
        {
            checks.Fail("radius", "radius-range", $"'radius' is in metres, above 0 and at most {MaxRadiusMetres}.");
        }

        checks.ThrowIfAny();
        var found = await queries.MarkersWithinAsync(position!.Value.Lon, position.Value.Lat, metres!.Value);
        return await MarkerCollectionAsync(grains, found.Take(MaxFeatures).ToList());
    }

    public static async Task<GeoJsonResult> NearestMarkers(string? lon, string? lat, int? count,
        SpatialQueries queries, IGrainFactory grains)
    {
        var checks = new RequestChecks();
        var position = SpatialRequest.Position(checks, lon, lat);
        if (count is < 1 or > MaxNearest)
        {
            checks.Fail("count", "count-range", $"'count' is between 1 and {MaxNearest}.");
        }

        checks.ThrowIfAny();
        var found = await queries.NearestMarkersAsync(position!.Value.Lon, position.Value.Lat, count ?? 10);
        return await MarkerCollectionAsync(grains, found);
    }

    private static async Task<GeoJsonResult> MarkerCollectionAsync(IGrainFactory grains,
        IReadOnlyList<(string Number, double Metres)> found)
    {
        var markers = await Task.WhenAll(found.Select(async f =>
        {
            var marker = await grains.Get<IBoundaryMarkerGrain>(f.Number).GetAsync();
            return (Action<Utf8JsonWriter>)(w => FeatureWriters.Marker(w, marker,
                p => p.WriteNumber("distanceMetres", Math.Round(f.Metres, 2))));
        }));
        return new GeoJsonResult(w => GeoJsonWriting.WriteFeatureCollection(w, markers));
    }
}
