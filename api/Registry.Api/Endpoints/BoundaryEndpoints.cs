using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Boundaries;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;
using Registry.Api.Spatial;
using Registry.Api.Spatial.Import;

namespace Registry.Api.Endpoints;

/// <summary>
/// Boundary records (Administrative Boundary Management Regulations 2002): division geometry versions, boundary lines,
/// markers (GB/T 17796 numbers), joint inspections and bulk GeoJSON imports. Writes need <c>registrar.boundaries</c>.
/// Division geometry and lines are public; markers, inspections and import reports need <c>gis</c> or
/// <c>registrar.boundaries</c> (surveyed marker coordinates are not published).
/// </summary>
public static class BoundaryEndpoints
{
    public const long MaxImportBytes = 256L * 1024 * 1024;
    public const int OverdueDefaultLimit = 100;
    public const int OverdueMaxLimit = 1_000;
    public const int OverduePagingDepth = 100_000;

    public static IEndpointRouteBuilder MapBoundaryEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/boundaries").WithTags("Boundaries");

        group.MapGet("/divisions/{code}/geometry", GetDivisionGeometry)
            .WithName(nameof(GetDivisionGeometry))
            .WithSummary("A division's geometry in force on a date (default today), as a GeoJSON Feature")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/divisions/{code}/geometry/versions", GetDivisionGeometryVersions)
            .WithName(nameof(GetDivisionGeometryVersions))
            .WithSummary("Every geometry version of a division, oldest first")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapPut("/divisions/{code}/geometry", SetDivisionGeometry)
            .RequireOffice(OfficeTargets.Division)
            .WithName(nameof(SetDivisionGeometry))
            .WithSummary("Record a division's geometry from an effective date (a later date adds a version, the same " +
                "date corrects it)")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/lines", RecordLine)
            .RequireOffice(OfficeTargets.Touching<RecordBoundaryLineRequest>(r => r.DivisionA, r => r.DivisionB))
            .WithName(nameof(RecordLine))
            .WithSummary("Record the boundary line between two divisions")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/lines/{number}", GetLine)
            .WithName(nameof(GetLine))
            .WithSummary("A boundary line with its length in metres, as a GeoJSON Feature")
            .AllowAnonymous()
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/lines/{number}", UpdateLine)
            .RequireOffice(OfficeTargets.Line)
            .WithName(nameof(UpdateLine))
            .WithSummary("Change a line's geometry or agreement")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/lines/{number}/markers", GetLineMarkers)
            .WithName(nameof(GetLineMarkers))
            .WithSummary("The markers of a line, as a GeoJSON FeatureCollection")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesReadProblems();

        group.MapPost("/lines/{number}/inspections", OpenInspection)
            .RequireOffice(OfficeTargets.Line)
            .WithName(nameof(OpenInspection))
            .WithSummary("Open the joint inspection of a line for a year")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/inspections/overdue", GetOverdueInspections)
            .WithName(nameof(GetOverdueInspections))
            .WithSummary("Lines whose last completed joint inspection is more than N years old (default 5)")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .ProducesReadProblems();

        group.MapGet("/repairs/open", GetOpenRepairs)
            .WithName(nameof(GetOpenRepairs))
            .WithSummary("Marker repairs found by completed inspections and not done yet, oldest first")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .ProducesReadProblems();

        group.MapGet("/inspections/{id}", GetInspection)
            .WithName(nameof(GetInspection))
            .WithSummary("A joint inspection with its findings, signatures and repairs")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .ProducesReadProblems();

        group.MapPost("/inspections/{id}/findings", RecordFinding)
            .RequireOffice(OfficeTargets.Inspection)
            .WithName(nameof(RecordFinding))
            .WithSummary("Record what was found at a marker (displaced: with the surveyed position)")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/inspections/{id}/signatures", SignInspection)
            .RequireOffice(OfficeTargets.Within<SignInspectionRequest>(r => r.Side))
            .WithName(nameof(SignInspection))
            .WithSummary("A side of the line signs; the second signature completes the inspection")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/inspections/{id}/repairs", CompleteRepair)
            .RequireOffice(OfficeTargets.Inspection)
            .WithName(nameof(CompleteRepair))
            .WithSummary("Mark the repair of a marker done")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/markers", RegisterMarker)
            .RequireOffice(OfficeTargets.MarkerOf<RegisterMarkerRequest>(r => r.Number))
            .WithName(nameof(RegisterMarker))
            .WithSummary("Register a boundary marker (GB/T 17796 number, type, position)")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/markers/{number}", GetMarker)
            .WithName(nameof(GetMarker))
            .WithSummary("A boundary marker, as a GeoJSON Feature")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .ProducesReadProblems();

        group.MapPut("/markers/{number}", UpdateMarker)
            .RequireOffice(OfficeTargets.Marker)
            .WithName(nameof(UpdateMarker))
            .WithSummary("Change a marker's material, landmarks or photos (never its position)")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/imports", StartImport)
            .RequireOffice(OfficeTargets.National)
            .WithName(nameof(StartImport))
            .WithSummary("Import a GeoJSON FeatureCollection of divisions, lines, markers or junction points " +
                "(202 with the job to follow; wait=true answers with the final report)")
            .RequireAuthorization(RegistryPolicies.BoundaryRegistrar)
            .Accepts<JsonElement>(GeoJson.MediaType, "application/json")
            .ProducesChangeProblems();

        group.MapGet("/imports/{id}", GetImport)
            .WithName(nameof(GetImport))
            .WithSummary("An import's progress and report of rejected features")
            .RequireAuthorization(SpatialHosting.BoundaryReaders)
            .ProducesReadProblems();

        return routes;
    }

    public static async Task<GeoJsonResult> GetDivisionGeometry(string code, string? asOf, IGrainFactory grains,
        BureauClock clock)
    {
        var checks = new RequestChecks().DivisionRef("code", code);
        var date = checks.Date("asOf", asOf) ?? clock.Today;
        checks.ThrowIfAny();
        var details = await grains.Get<IDivisionGeometryGrain>(code).GetAsync(date);
        return new GeoJsonResult(w => FeatureWriters.Division(w, details));
    }

    public static async Task<Ok<IReadOnlyList<DivisionGeometryVersionResponse>>> GetDivisionGeometryVersions(
        string code, IGrainFactory grains)
    {
        new RequestChecks().DivisionRef("code", code).ThrowIfAny();
        var versions = await grains.Get<IDivisionGeometryGrain>(code).GetVersionsAsync();
        return TypedResults.Ok<IReadOnlyList<DivisionGeometryVersionResponse>>(
            versions.Select(DivisionGeometryVersionResponse.Of).ToList());
    }

    public static async Task<Results<Created<DivisionGeometryChangeResponse>, Ok<DivisionGeometryChangeResponse>>>
        SetDivisionGeometry(string code, SetDivisionGeometryRequest request, IGrainFactory grains)
    {
        var checks = new RequestChecks().DivisionRef("code", code).Required("reason", request.Reason);
        var geometry = SpatialRequest.Geometry(checks, "geometry", request.Geometry, GeometryKind.Area);
        checks.ThrowIfAny();
        var change = await grains.Get<IDivisionGeometryGrain>(code).SetAsync(new SetDivisionGeometry(
            GeometryWkb.From(geometry!), request.EffectiveDate, request.Reason!, request.Name, request.Level,
            request.Source));
        var response = DivisionGeometryChangeResponse.From(code, change);
        return change.Change is RecordChange.Created or RecordChange.NewVersion
            ? TypedResults.Created($"/api/boundaries/divisions/{code}/geometry/versions", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<Created<RecordChangeResponse>, Ok<RecordChangeResponse>>> RecordLine(
        RecordBoundaryLineRequest request, IGrainFactory grains)
    {
        var checks = new RequestChecks()
            .Required("divisionA", request.DivisionA)
            .Required("divisionB", request.DivisionB)
            .DivisionRef("divisionA", request.DivisionA)
            .DivisionRef("divisionB", request.DivisionB)
            .Required("agreement", request.Agreement)
            .Required("reason", request.Reason);
        var geometry = SpatialRequest.Geometry(checks, "geometry", request.Geometry, GeometryKind.Line);
        checks.ThrowIfAny();
        var number = BoundaryLineNumber.For(request.DivisionA!, request.DivisionB!);
        var change = await grains.Get<IBoundaryLineGrain>(number).RecordAsync(new RecordBoundaryLine(
            request.DivisionA!, request.DivisionB!, GeometryWkb.From(geometry!), request.Agreement!,
            request.AgreementDate, request.Reason!, request.Source));
        var response = new RecordChangeResponse(number, change);
        return change == RecordChange.Created
            ? TypedResults.Created($"/api/boundaries/lines/{number}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<GeoJsonResult> GetLine(string number, IGrainFactory grains)
    {
        new RequestChecks().LineNumber("number", number).ThrowIfAny();
        var line = await grains.Get<IBoundaryLineGrain>(number).GetAsync();
        return new GeoJsonResult(w => FeatureWriters.Line(w, line));
    }

    public static async Task<Ok<RecordChangeResponse>> UpdateLine(string number, UpdateBoundaryLineRequest request,
        IGrainFactory grains)
    {
        var checks = new RequestChecks().LineNumber("number", number).Required("reason", request.Reason);
        var geometry = request.Geometry is { ValueKind: not JsonValueKind.Null }
            ? SpatialRequest.Geometry(checks, "geometry", request.Geometry, GeometryKind.Line)
            : null;
        checks.ThrowIfAny();
        var change = await grains.Get<IBoundaryLineGrain>(number).UpdateAsync(new UpdateBoundaryLine(
            geometry is null ? null : GeometryWkb.From(geometry), request.Agreement, request.AgreementDate,
            request.Reason!));
        return TypedResults.Ok(new RecordChangeResponse(number, change));
    }

    public static async Task<GeoJsonResult> GetLineMarkers(string number, IGrainFactory grains)
    {
        new RequestChecks().LineNumber("number", number).ThrowIfAny();
        var line = await grains.Get<IBoundaryLineGrain>(number).GetAsync();
        var writers = await FeatureLoading.LoadAsync(grains, SpatialLayer.Markers, line.Markers, default);
        return new GeoJsonResult(w => GeoJsonWriting.WriteFeatureCollection(w, writers));
    }

    public static async Task<Created<OpenInspectionResponse>> OpenInspection(string number,
        OpenInspectionRequest request, IGrainFactory grains)
    {
        new RequestChecks()
            .LineNumber("number", number)
            .Required("year", request.Year)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        var id = await grains.Get<IBoundaryLineGrain>(number).OpenInspectionAsync(request.Year!.Value,
            request.Reason!, request.OpenedOn);
        return TypedResults.Created($"/api/boundaries/inspections/{id}", new OpenInspectionResponse(id));
    }

    public static async Task<Ok<OverduePageResponse>> GetOverdueInspections(int? years,
        bool? includeNeverInspected, string? division, string? limit, string? page, IGrainFactory grains,
        BureauClock clock)
    {
        var checks = new RequestChecks().DivisionCode("division", division);
        if (years is < 1 or > 50)
        {
            checks.Fail("years", "years-range", "'years' is between 1 and 50.");
        }

        var (pageNumber, size) = checks.Paging(page, "limit", limit, OverdueDefaultLimit, OverdueMaxLimit,
            OverduePagingDepth);
        checks.ThrowIfAny();
        var overdue = await grains.Get<IBoundaryReportGrain>(0).PageOverdueInspectionsAsync(clock.Today, years ?? 5,
            includeNeverInspected ?? true, division, (pageNumber - 1) * size, size);
        return TypedResults.Ok(OverduePageResponse.From(overdue, pageNumber, size));
    }

    public static async Task<Ok<IReadOnlyList<OpenRepairResponse>>> GetOpenRepairs(IGrainFactory grains) =>
        TypedResults.Ok<IReadOnlyList<OpenRepairResponse>>((await grains.Get<IBoundaryReportGrain>(0)
            .ListOpenRepairsAsync()).Select(OpenRepairResponse.From).ToList());

    public static async Task<Ok<InspectionResponse>> GetInspection(string id, IGrainFactory grains) =>
        TypedResults.Ok(InspectionResponse.From(await grains.Get<IJointInspectionGrain>(id).GetAsync()));

    public static async Task<Created<InspectionFindingResponse>> RecordFinding(string id, RecordFindingRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .Required("marker", request.Marker)
            .Required("finding", request.Finding)
            .ThrowIfAny();
        var finding = await grains.Get<IJointInspectionGrain>(id).RecordFindingAsync(new RecordFinding(
            request.Marker!, request.Finding!.Value, request.Surveyed?.Lon, request.Surveyed?.Lat, request.Note));
        return TypedResults.Created($"/api/boundaries/inspections/{id}", InspectionFindingResponse.From(finding));
    }

    public static async Task<Ok<InspectionResponse>> SignInspection(string id, SignInspectionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .Required("side", request.Side)
            .Required("signatory", request.Signatory)
            .ThrowIfAny();
        var details = await grains.Get<IJointInspectionGrain>(id)
            .SignAsync(new SignInspection(request.Side!, request.Signatory!, request.Note, request.SignedOn));
        return TypedResults.Ok(InspectionResponse.From(details));
    }

    public static async Task<Ok<InspectionResponse>> CompleteRepair(string id, CompleteRepairRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .Required("marker", request.Marker)
            .Required("completedOn", request.CompletedOn)
            .Required("note", request.Note)
            .ThrowIfAny();
        var details = await grains.Get<IJointInspectionGrain>(id)
            .CompleteRepairAsync(new CompleteRepair(request.Marker!, request.CompletedOn!.Value, request.Note!));
        return TypedResults.Ok(InspectionResponse.From(details));
    }

    public static async Task<Results<Created<RecordChangeResponse>, Ok<RecordChangeResponse>>> RegisterMarker(
        RegisterMarkerRequest request, IGrainFactory grains)
    {
        var checks = new RequestChecks()
            .Required("number", request.Number)
            .MarkerNumber("number", request.Number)
            .Required("type", request.Type)
            .Required("reason", request.Reason);
        var location = SpatialRequest.Geometry(checks, "location", request.Location, GeometryKind.Point);
        checks.ThrowIfAny();
        var point = (NetTopologySuite.Geometries.Point)location!;
        var change = await grains.Get<IBoundaryMarkerGrain>(request.Number!).RegisterAsync(new RegisterMarker(
            request.Type!.Value, point.X, point.Y, request.Material, request.Landmarks ?? [], request.Photos ?? [],
            request.Reason!, request.Source));
        var response = new RecordChangeResponse(request.Number!, change);
        return change == RecordChange.Created
            ? TypedResults.Created($"/api/boundaries/markers/{request.Number}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<GeoJsonResult> GetMarker(string number, IGrainFactory grains)
    {
        new RequestChecks().MarkerNumber("number", number).ThrowIfAny();
        var marker = await grains.Get<IBoundaryMarkerGrain>(number).GetAsync();
        return new GeoJsonResult(w => FeatureWriters.Marker(w, marker));
    }

    public static async Task<Ok<RecordChangeResponse>> UpdateMarker(string number, UpdateMarkerRequest request,
        IGrainFactory grains)
    {
        var checks = new RequestChecks().MarkerNumber("number", number).Required("reason", request.Reason);
        var location = request.Location is { ValueKind: not JsonValueKind.Null }
            ? SpatialRequest.Geometry(checks, "location", request.Location, GeometryKind.Point) as
                NetTopologySuite.Geometries.Point
            : null;
        checks.ThrowIfAny();
        var change = await grains.Get<IBoundaryMarkerGrain>(number).UpdateDetailsAsync(new UpdateMarkerDetails(
            request.Material, request.Landmarks, request.Photos, request.Reason!, location?.X, location?.Y));
        return TypedResults.Ok(new RecordChangeResponse(number, change));
    }

    /// <summary>
    /// The body is a GeoJSON FeatureCollection; what it holds and how to read it come from the query: <c>kind</c>
    /// (divisions, lines, markers, junctions), <c>reason</c>, and optionally <c>scheme</c> (reference areas),
    /// <c>layer</c> (the level the file describes), <c>effectiveDate</c>, <c>codeProperty</c>, <c>nameProperty</c>,
    /// <c>divisionAProperty</c>/<c>divisionBProperty</c>, <c>adjacentProperty</c>, <c>agreement</c>,
    /// <c>agreementDate</c>, <c>source</c>, <c>wait</c>.
    /// </summary>
    public static async Task<Results<Accepted<ImportJobResponse>, Ok<ImportJobResponse>>> StartImport(
        HttpContext context, ImportRunner runner, IGrainFactory grains)
    {
        var query = context.Request.Query;
        var checks = new RequestChecks().Required("kind", (string?)query["kind"]).Required("reason", (string?)query["reason"]);
        var kind = NameOf<ImportKind>(query["kind"]);
        if (kind is null && !string.IsNullOrEmpty(query["kind"]))
        {
            checks.Fail("kind", "import-kind", "'kind' is divisions, lines, markers or junctions.");
        }

        var scheme = (string?)query["scheme"];
        if (scheme is not null && !DivisionRef.IsReference(scheme + ":x"))
        {
            checks.Fail("scheme", "division-ref-format", "'scheme' is lower-case letters, digits and '-', not 'cn'.");
        }

        var layer = NameOf<DivisionLevel>(query["layer"]);
        if (layer is null && !string.IsNullOrEmpty(query["layer"]))
        {
            checks.Fail("layer", "division-level", "'layer' is province, prefecture, county or township.");
        }

        if (kind == ImportKind.Divisions && scheme is not null && layer is null)
        {
            checks.Fail("layer", "field-required", "Reference areas record their level: give 'layer'.");
        }

        if (kind == ImportKind.Lines)
        {
            checks.Required("agreement", (string?)query["agreement"]);
        }

        var effectiveDate = checks.Date("effectiveDate", query["effectiveDate"]);
        var agreementDate = checks.Date("agreementDate", query["agreementDate"]);
        checks.ThrowIfAny();

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }

        JsonDocument document;
        IReadOnlyList<GeoJson.RawFeature> features;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            features = GeoJson.ReadFeatureCollection(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new RequestValidationException("geojson-malformed", new Dictionary<string, string[]>
            {
                ["body"] = [e is FormatException ? e.Message : "The body is not well-formed JSON."],
            });
        }

        var options = new ImportOptions(kind!.Value, query["reason"]!, (string?)query["source"], scheme, layer,
            effectiveDate, (string?)query["codeProperty"] ?? "code", (string?)query["nameProperty"] ?? "name",
            (string?)query["divisionAProperty"] ?? "div_a", (string?)query["divisionBProperty"] ?? "div_b",
            (string?)query["adjacentProperty"] ?? "adjacent", query["agreement"], agreementDate);
        var (id, completion) = await runner.StartAsync(features, options, options.Source);
        var job = grains.Get<IImportJobGrain>(id);
        if (string.Equals(query["wait"], "true", StringComparison.OrdinalIgnoreCase))
        {
            await completion;
            document.Dispose();
            return TypedResults.Ok(ImportJobResponse.From(await job.GetAsync()));
        }

        _ = completion.ContinueWith(_ => document.Dispose(), TaskScheduler.Default);
        return TypedResults.Accepted($"/api/boundaries/imports/{id}", ImportJobResponse.From(await job.GetAsync()));
    }

    /// <summary>The member named exactly (any case), else null. Enum.TryParse also takes numbers and
    /// comma-separated lists, which it ORs together: "lines,markers" would read as junctions.</summary>
    private static TEnum? NameOf<TEnum>(string? text) where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : null;

    public static async Task<Ok<ImportJobResponse>> GetImport(string id, IGrainFactory grains) =>
        TypedResults.Ok(ImportJobResponse.From(await grains.Get<IImportJobGrain>(id).GetAsync()));
}
