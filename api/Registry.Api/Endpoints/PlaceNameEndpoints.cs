using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Places;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;
using Registry.Api.Places;

namespace Registry.Api.Endpoints;

/// <summary>
/// Place names: proposal, approval, announcement, rename, abolition and house numbers by the place-name registrar
/// (<c>registrar.places</c>); anonymous reads of announced names and external reference names, the announcement feed,
/// search and spelling suggestions. Anything not public answers 404 to anyone else, as if absent.
/// </summary>
public static class PlaceNameEndpoints
{
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    /// <summary>Deepest result reachable by paging (page x limit).</summary>
    public const int MaxPagingDepth = 10_000;

    public const string GeoNamesCredit = "External reference names: GeoNames (geonames.org), CC BY 4.0.";

    public static IEndpointRouteBuilder MapPlaceNameEndpoints(this IEndpointRouteBuilder routes)
    {
        const string root = "/api/place-names";
        const string tag = "Place names";
        var group = routes.MapGroup(root).WithTags(tag);

        routes.MapPost(root, Propose)
            .RequireOffice(OfficeTargets.Within<ProposePlaceNameRequest>(r => r.DivisionCode))
            .WithTags(tag)
            .WithName("PlaceNames" + nameof(Propose))
            .WithSummary("Propose a standard place name (Han characters, Hanyu Pinyin, category, division, GeoJSON location)")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        routes.MapGet(root, Search)
            .WithTags(tag)
            .WithName("PlaceNames" + nameof(Search))
            .WithSummary("Search by name fragment, spelling, category, division (with sub-divisions), box or nearest to a point (paged)")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapPost("/imports", ImportNamesInForce)
            .RequireOffice(OfficeTargets.National)
            .WithName("PlaceNames" + nameof(ImportNamesInForce))
            .WithSummary("Enter names already in force from a CSV or GeoJSON file as a job (status recorded; duplicates " +
                "flagged, not refused): 202 with the job to follow (wait=true: 200 when done); idempotent, with a report")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .Accepts<string>("text/csv", Abstractions.Spatial.GeoJson.MediaType)
            .Produces<PlaceNameImportJobResponse>(StatusCodes.Status202Accepted)
            .ProducesChangeProblems();

        group.MapGet("/imports/{importId}", GetNamesImport)
            .WithName("PlaceNames" + nameof(GetNamesImport))
            .WithSummary("An import of names in force: status and rows read, recorded, already stored, rejected and flagged so far")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesReadProblems();

        group.MapGet("/imports/{importId}/report", GetNamesImportReport)
            .WithName("PlaceNames" + nameof(GetNamesImportReport))
            .WithSummary("An import's report as CSV: line, name, outcome (rejected or flagged), rule, field and message")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .Produces(StatusCodes.Status200OK, contentType: PlaceNameImportReportCsv.ContentType)
            .ProducesReadProblems();

        group.MapGet("/announcements", Announcements)
            .WithName("PlaceNames" + nameof(Announcements))
            .WithSummary("The announcement feed: announced names since a date, newest first (paged)")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapGet("/spelling", SuggestSpelling)
            .WithName("PlaceNames" + nameof(SuggestSpelling))
            .WithSummary("Suggest the Hanyu Pinyin spelling of a name per GB/T 16159 from the shipped character table")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapPost("/index/rebuild", RebuildIndex)
            .WithName("PlaceNames" + nameof(RebuildIndex))
            .WithSummary("Re-read every index partition from storage (after a bulk import into a running service)")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{id}", GetPlaceName)
            .WithName("PlaceNames" + nameof(GetPlaceName))
            .WithSummary("A place name: public once announced (and for external reference names); the registrar sees every state")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/history", GetPlaceNameHistory)
            .WithName("PlaceNames" + nameof(GetPlaceNameHistory))
            .WithSummary("Every change with its date, who and why")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesReadProblems();

        group.MapPost("/{id}/approval", Approve)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(Approve))
            .WithSummary("Record the approval of a proposed name by an authority on a date")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/announcement", Announce)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(Announce))
            .WithSummary("Announce an approved name today: it becomes public")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/renames", ProposeRename)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(ProposeRename))
            .WithSummary("Propose a rename from an effective date (which may be in the future); it follows approval and announcement like a new name")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/abolition", ProposeAbolition)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(ProposeAbolition))
            .WithSummary("Propose the abolition of the name from an effective date; the record and its names stay as history")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/changes/{number}/approval", ApproveChange)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(ApproveChange))
            .WithSummary("Record the approval of a proposed rename or abolition by an authority on a date")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/changes/{number}/announcement", AnnounceChange)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(AnnounceChange))
            .WithSummary("Announce an approved rename or abolition today: it becomes public")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/changes/{number}/rejection", RejectChange)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(RejectChange))
            .WithSummary("Refuse a proposed rename or abolition with reasons; a rename's new name is free again")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/rejection", Reject)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(Reject))
            .WithSummary("Refuse a proposed name with reasons; the record stays as history and the name is free again")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{id}/house-numbers", AssignHouseNumber)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(AssignHouseNumber))
            .WithSummary("Issue a house-number plate on a street: odd numbers left, even right of the street line, rising from its origin")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/{id}/house-numbers", GetHouseNumbers)
            .WithName("PlaceNames" + nameof(GetHouseNumbers))
            .WithSummary("The house-number plates of a street, a block of 100 base numbers per page, in address order")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/signs", SetSign)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(SetSign))
            .WithSummary("Record a sign or plate the bureau set along a street: road or lane sign, building, door or unit plate")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/{id}/signs", GetSigns)
            .WithName("PlaceNames" + nameof(GetSigns))
            .WithSummary("The signs and plates of a street by serial, with their condition (paged)")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesReadProblems();

        group.MapPost("/{id}/signs/{serial}/conditions", RecordSignCondition)
            .RequireOffice(OfficeTargets.PlaceName)
            .WithName("PlaceNames" + nameof(RecordSignCondition))
            .WithSummary("Record that a sign was maintained, replaced or removed on a date")
            .RequireAuthorization(RegistryPolicies.PlaceRegistrar)
            .ProducesChangeProblems();

        return routes;
    }

    public static async Task<Created<PlaceNameResponse>> Propose(ProposePlaceNameRequest request, IGrainFactory grains)
    {
        var checks = new RequestChecks()
            .Required("name", request.Name)
            .Required("romanization", request.Romanization)
            .Required("category", request.Category)
            .Required("divisionCode", request.DivisionCode)
            .DivisionCode("divisionCode", request.DivisionCode);
        var category = checks.Enum<PlaceCategory>("category", "place-category", request.Category);
        var geometry = GeoJson.ToWkb(checks, "geometry", request.Geometry);
        checks.ThrowIfAny();
        var id = Guid.NewGuid().ToString("N");
        var details = await grains.Get<IPlaceNameGrain>(id).ProposeAsync(new ProposePlaceName(request.Name!,
            request.Romanization!, category!.Value, request.DivisionCode!, geometry!, request.Meaning,
            request.LocationDescription)
        {
            MinorityLanguage = MinorityLanguage(request.MinorityLanguage),
            Aliases = request.Aliases ?? [],
        });
        return TypedResults.Created($"/api/place-names/{id}", PlaceNameResponse.From(details));
    }

    /// <summary>Largest import body: a province's records with geometry.</summary>
    public const long MaxImportBytes = 512L * 1024 * 1024;

    /// <summary>
    /// The body (CSV, or GeoJSON when the content type is application/geo+json or application/json) is stored as it
    /// arrives in a spool file, checked, then imported by a job: 202 with the job's address at once, or with
    /// <c>wait=true</c> 200 with the job once every row is recorded or refused. <c>source</c> names the file in every
    /// record's history.
    /// </summary>
    public static async Task<Results<Accepted<PlaceNameImportJobResponse>, Ok<PlaceNameImportJobResponse>>>
        ImportNamesInForce(HttpContext context, string? source, string? wait, PlaceNameImportJobs jobs,
            IGrainFactory grains)
    {
        var checks = new RequestChecks().Required("source", source);
        var waiting = string.Equals(wait?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        if (!waiting && !string.IsNullOrWhiteSpace(wait) &&
            !string.Equals(wait.Trim(), "false", StringComparison.OrdinalIgnoreCase))
        {
            checks.Fail("wait", "query-value", "'wait' is true or false.");
        }

        checks.ThrowIfAny();
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxImportBytes;
        }

        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var geoJson = mediaType is Abstractions.Spatial.GeoJson.MediaType or "application/json";
        var (job, completion) = await jobs.StartAsync(context.Request.Body, geoJson, source!.Trim(), context.RequestAborted);
        if (!waiting)
        {
            return TypedResults.Accepted($"/api/place-names/imports/{job.Id}", PlaceNameImportJobResponse.From(job));
        }

        await completion;
        return TypedResults.Ok(PlaceNameImportJobResponse.From(
            await grains.Get<IPlaceNameImportJobGrain>(job.Id).GetAsync()));
    }

    public static async Task<Ok<PlaceNameImportJobResponse>> GetNamesImport(string importId, IGrainFactory grains) =>
        TypedResults.Ok(PlaceNameImportJobResponse.From(await ImportJob(grains, importId).GetAsync()));

    public static async Task<FileContentHttpResult> GetNamesImportReport(string importId, IGrainFactory grains)
    {
        var job = await ImportJob(grains, importId).GetAsync();
        return TypedResults.File(PlaceNameImportReportCsv.Write(job), PlaceNameImportReportCsv.ContentType,
            $"place-name-import-{job.Id}.csv");
    }

    /// <summary>The job of an id as the API hands them out (32 hex digits); any other id names no job.</summary>
    private static IPlaceNameImportJobGrain ImportJob(IGrainFactory grains, string id) =>
        id.Length == 32 && id.All(char.IsAsciiHexDigitLower)
            ? grains.Get<IPlaceNameImportJobGrain>(id)
            : throw DomainException.NotFound("import-not-found", "No import of place names has this id.");

    public static async Task<Ok<PlaceNameResponse>> GetPlaceName(string id, ClaimsPrincipal user, IGrainFactory grains)
    {
        var details = await grains.Get<IPlaceNameGrain>(Id(id)).GetAsync();
        if (!IsRegistrar(user) && details.Status is not (PlaceNameStatus.Announced or PlaceNameStatus.Reference or PlaceNameStatus.Recorded))
        {
            throw NotFound(id);
        }

        return TypedResults.Ok(PlaceNameResponse.From(details, publicView: !IsRegistrar(user)));
    }

    public static async Task<Ok<IReadOnlyList<PlaceNameEventResponse>>> GetPlaceNameHistory(string id,
        IGrainFactory grains)
    {
        var history = await grains.Get<IPlaceNameGrain>(Id(id)).GetHistoryAsync();
        return TypedResults.Ok<IReadOnlyList<PlaceNameEventResponse>>(history.Select(PlaceNameEventResponse.From).ToList());
    }

    public static async Task<Ok<PlaceNameResponse>> Approve(string id, ApprovePlaceNameRequest request,
        IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("authority", request.Authority).Required("date", request.Date);
        var date = checks.Date("date", request.Date);
        checks.ThrowIfAny();
        var details = await grains.Get<IPlaceNameGrain>(key).ApproveAsync(new ApprovePlaceName(request.Authority!, date!.Value));
        return TypedResults.Ok(PlaceNameResponse.From(details));
    }

    public static async Task<Ok<PlaceNameResponse>> Announce(string id, IGrainFactory grains) =>
        TypedResults.Ok(PlaceNameResponse.From(await grains.Get<IPlaceNameGrain>(Id(id)).AnnounceAsync()));

    public static async Task<Created<PlaceNameResponse>> ProposeRename(string id, RenamePlaceNameRequest request,
        IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks()
            .Required("name", request.Name)
            .Required("romanization", request.Romanization)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason);
        var date = checks.Date("effectiveDate", request.EffectiveDate);
        checks.ThrowIfAny();
        var details = await grains.Get<IPlaceNameGrain>(key).ProposeRenameAsync(new RenamePlaceName(request.Name!,
            request.Romanization!, date!.Value, request.Reason!)
        {
            MinorityLanguage = MinorityLanguage(request.MinorityLanguage),
        });
        return TypedResults.Created($"/api/place-names/{key}/changes/{details.Changes[^1].Number}",
            PlaceNameResponse.From(details));
    }

    public static async Task<Created<PlaceNameResponse>> ProposeAbolition(string id, AbolishPlaceNameRequest request,
        IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("reason", request.Reason);
        var date = checks.Date("effectiveDate", request.EffectiveDate);
        checks.ThrowIfAny();
        var details = await grains.Get<IPlaceNameGrain>(key).ProposeAbolitionAsync(new AbolishPlaceName(date, request.Reason!));
        return TypedResults.Created($"/api/place-names/{key}/changes/{details.Changes[^1].Number}",
            PlaceNameResponse.From(details));
    }

    public static async Task<Ok<PlaceNameResponse>> ApproveChange(string id, string number,
        ApprovePlaceNameRequest request, IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("authority", request.Authority).Required("date", request.Date);
        var date = checks.Date("date", request.Date);
        var change = ChangeNumber(checks, number);
        checks.ThrowIfAny();
        var details = await grains.Get<IPlaceNameGrain>(key).ApproveChangeAsync(change,
            new ApprovePlaceName(request.Authority!, date!.Value));
        return TypedResults.Ok(PlaceNameResponse.From(details));
    }

    public static async Task<Ok<PlaceNameResponse>> AnnounceChange(string id, string number, IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks();
        var change = ChangeNumber(checks, number);
        checks.ThrowIfAny();
        return TypedResults.Ok(PlaceNameResponse.From(await grains.Get<IPlaceNameGrain>(key).AnnounceChangeAsync(change)));
    }

    public static async Task<Ok<PlaceNameResponse>> RejectChange(string id, string number,
        RejectPlaceNameRequest request, IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("reasons", request.Reasons);
        var date = checks.Date("date", request.Date);
        var change = ChangeNumber(checks, number);
        checks.ThrowIfAny();
        var details = await grains.Get<IPlaceNameGrain>(key).RejectChangeAsync(change,
            new RejectPlaceName(request.Reasons!, date));
        return TypedResults.Ok(PlaceNameResponse.From(details));
    }

    public static async Task<Ok<PlaceNameResponse>> Reject(string id, RejectPlaceNameRequest request,
        IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("reasons", request.Reasons);
        var date = checks.Date("date", request.Date);
        checks.ThrowIfAny();
        var details = await grains.Get<IPlaceNameGrain>(key).RejectAsync(new RejectPlaceName(request.Reasons!, date));
        return TypedResults.Ok(PlaceNameResponse.From(details));
    }

    public static async Task<Created<HouseNumberResponse>> AssignHouseNumber(string id, HouseNumberRequest request,
        IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("number", request.Number);
        var location = GeoJson.ToWkb(checks, "location", request.Location);
        checks.ThrowIfAny();
        var number = HouseNumber.Parse(request.Number);
        var plate = await grains.Get<IHouseNumberBlockGrain>(number.BlockKey(key))
            .IssueAsync(new AssignHouseNumber(number, location!));
        return TypedResults.Created($"/api/place-names/{key}/house-numbers?page={number.Block + 1}",
            HouseNumberResponse.From(plate));
    }

    public static async Task<Ok<HouseNumberPageResponse>> GetHouseNumbers(string id, string? page, ClaimsPrincipal user,
        IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks();
        var (pageNumber, _) = checks.Paging(page, "limit", null, 1, 1, HouseNumber.MaxBase / HouseNumber.BlockSize + 1);
        checks.ThrowIfAny();
        var grain = grains.Get<IPlaceNameGrain>(key);
        var street = await grain.GetAsync();
        if (!IsRegistrar(user) && street.Status is not (PlaceNameStatus.Announced or PlaceNameStatus.Recorded))
        {
            throw NotFound(id);
        }

        var pages = await grain.HouseNumberBlocksAsync();
        var plates = await grains.Get<IHouseNumberBlockGrain>(HouseNumber.BlockKey(key, pageNumber - 1)).ListAsync();
        return TypedResults.Ok(new HouseNumberPageResponse(pageNumber, pages, plates.Select(HouseNumberResponse.From).ToList()));
    }

    public static async Task<Created<PlaceSignResponse>> SetSign(string id, PlaceSignRequest request, IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("kind", request.Kind).Required("setOn", request.SetOn);
        var kind = checks.Enum<PlaceSignKind>("kind", "place-sign-kind", request.Kind);
        var setOn = checks.Date("setOn", request.SetOn);
        checks.ThrowIfAny();
        var houseNumber = string.IsNullOrWhiteSpace(request.HouseNumber) ? null : HouseNumber.Parse(request.HouseNumber, "houseNumber");
        var sign = await grains.Get<IPlaceNameGrain>(key).SetSignAsync(new SetPlaceSign(kind!.Value, houseNumber,
            request.Building, request.Unit, setOn!.Value));
        return TypedResults.Created($"/api/place-names/{key}/signs/{sign.Serial}", PlaceSignResponse.From(sign));
    }

    public static async Task<Ok<PlaceSignPageResponse>> GetSigns(string id, string? limit, string? page,
        IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks();
        var (pageNumber, size) = checks.Paging(page, "limit", limit, DefaultLimit, MaxLimit, MaxPagingDepth);
        checks.ThrowIfAny();
        var count = await grains.Get<IPlaceNameGrain>(key).SignCountAsync();
        var serials = Enumerable.Range((pageNumber - 1) * size + 1, Math.Max(0, Math.Min(size, count - (pageNumber - 1) * size)));
        var signs = await Task.WhenAll(serials.Select(n => grains.Get<IPlaceSignGrain>($"{key}.{n}").FindAsync()));
        return TypedResults.Ok(new PlaceSignPageResponse(pageNumber, size, count,
            signs.OfType<PlaceSignDetails>().Select(PlaceSignResponse.From).ToList()));
    }

    public static async Task<Ok<PlaceSignResponse>> RecordSignCondition(string id, string serial,
        SignConditionRequest request, IGrainFactory grains)
    {
        var key = Id(id);
        var checks = new RequestChecks().Required("condition", request.Condition).Required("date", request.Date);
        var condition = checks.Enum<PlaceSignCondition>("condition", "place-sign-condition", request.Condition);
        var date = checks.Date("date", request.Date);
        if (serial.Length is 0 or > 9 || !serial.All(char.IsAsciiDigit))
        {
            checks.Fail("serial", "place-sign-serial", "A sign serial is a whole number from 1.");
        }

        checks.ThrowIfAny();
        var sign = await grains.Get<IPlaceSignGrain>($"{key}.{int.Parse(serial, CultureInfo.InvariantCulture)}")
            .RecordConditionAsync(new RecordSignCondition(condition!.Value, date!.Value, request.Note));
        return TypedResults.Ok(PlaceSignResponse.From(sign));
    }

    public static async Task<Ok<PlaceNamePageResponse>> Search(string? q, string? romanization, string? category,
        string? division, string? bbox, string? near, string? limit, string? page, string? includeHistorical,
        ClaimsPrincipal user, PlaceNameReadReplica replica)
    {
        var checks = new RequestChecks().DivisionCode("division", division);
        var categoryValue = string.IsNullOrEmpty(category) ? null : checks.Enum<PlaceCategory>("category", "place-category", category);
        var box = Box(checks, bbox);
        var point = Point(checks, near);
        var historical = Flag(checks, "includeHistorical", includeHistorical);
        var (pageNumber, size) = checks.Paging(page, "limit", limit, DefaultLimit, MaxLimit, MaxPagingDepth);
        checks.ThrowIfAny();
        var query = new PlaceNameQuery(q, romanization, categoryValue, DivisionPrefix(division), box, point, historical,
            !IsRegistrar(user), null, (pageNumber - 1) * size, size);
        return TypedResults.Ok(await PageAsync(replica, query, pageNumber, size));
    }

    public static async Task<Ok<PlaceNamePageResponse>> Announcements(string? since, string? limit, string? page,
        PlaceNameReadReplica replica)
    {
        var checks = new RequestChecks();
        var from = checks.Date("since", since) ?? DateOnly.MinValue;
        var (pageNumber, size) = checks.Paging(page, "limit", limit, DefaultLimit, MaxLimit, MaxPagingDepth);
        checks.ThrowIfAny();
        var query = new PlaceNameQuery(null, null, null, null, null, null, false, true, from, (pageNumber - 1) * size, size);
        return TypedResults.Ok(await PageAsync(replica, query, pageNumber, size));
    }

    public static async Task<Ok<SpellingSuggestionResponse>> SuggestSpelling(string? name, string? category,
        IGrainFactory grains)
    {
        var checks = new RequestChecks().Required("name", name);
        var categoryValue = string.IsNullOrEmpty(category) ? PlaceCategory.Landmark : checks.Enum<PlaceCategory>("category", "place-category", category);
        checks.ThrowIfAny();
        var suggestion = await grains.Get<IPlaceSpellingGrain>(0).SuggestAsync(name!.Trim(), categoryValue!.Value);
        return TypedResults.Ok(SpellingSuggestionResponse.From(suggestion));
    }

    public static async Task<Ok<IndexRebuildResponse>> RebuildIndex(IGrainFactory grains, PlaceNameIndexRebuilds rebuilds,
        BureauClock clock)
    {
        var askedAt = rebuilds.Ask(clock.Now);
        var entries = await grains.Get<IPlaceNameSearchGrain>(0).RebuildAsync(askedAt);
        rebuilds.Answered(askedAt);
        return TypedResults.Ok(new IndexRebuildResponse(entries));
    }

    private static async Task<PlaceNamePageResponse> PageAsync(PlaceNameReadReplica replica, PlaceNameQuery query,
        int page, int size)
    {
        var result = await replica.SearchAsync(query);
        var items = result.Items.Select(PlaceNameSummaryResponse.From).ToList();
        return new PlaceNamePageResponse(page, size, result.Total, items,
            items.Any(i => i.Source == "geonames") ? GeoNamesCredit : null);
    }

    private static bool IsRegistrar(ClaimsPrincipal user) => user.IsInRole(RegistryPolicies.PlaceRegistrar);

    private static DomainException NotFound(string id) =>
        DomainException.NotFound("place-name-not-found", $"No place name {id} is recorded.");

    /// <summary>An id is 1-100 characters of ASCII letters, digits and hyphens.</summary>
    private static string Id(string id)
    {
        if (id.Length is 0 or > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            new RequestChecks().Fail("id", "place-name-id-format",
                "A place-name id is made of ASCII letters, digits and hyphens.").ThrowIfAny();
        }

        return id;
    }

    /// <summary>A change number: a whole number from 1.</summary>
    private static int ChangeNumber(RequestChecks checks, string number)
    {
        if (number.Length is 0 or > 9 || !number.All(char.IsAsciiDigit) || int.Parse(number, CultureInfo.InvariantCulture) < 1)
        {
            checks.Fail("number", "place-name-change-number", "A change number is a whole number from 1.");
            return 0;
        }

        return int.Parse(number, CultureInfo.InvariantCulture);
    }

    /// <summary>A division's code as the prefix of the codes under it: 11 for 110000, 1101 for 110100.</summary>
    private static string? DivisionPrefix(string? code) =>
        code is null ? null
        : code.Length == 6 && code.EndsWith("0000", StringComparison.Ordinal) ? code[..2]
        : code.Length == 6 && code.EndsWith("00", StringComparison.Ordinal) ? code[..4]
        : code;

    private static double[]? Numbers(RequestChecks checks, string field, string? text, int count)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(',');
        var values = new double[parts.Length];
        if (parts.Length != count || parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float,
                CultureInfo.InvariantCulture, out values[i]) && double.IsFinite(values[i])).Any(ok => !ok))
        {
            checks.Fail(field, "coordinates-format", $"'{field}' is {count} comma-separated decimal degrees.");
            return null;
        }

        return values;
    }

    private static GeoPoint? Point(RequestChecks checks, string? text)
    {
        if (Numbers(checks, "near", text, 2) is not { } v)
        {
            return null;
        }

        if (v[0] is < -180 or > 180 || v[1] is < -90 or > 90)
        {
            checks.Fail("near", "coordinates-range", "'near' is lon,lat with lon in -180..180 and lat in -90..90.");
            return null;
        }

        return new GeoPoint(v[0], v[1]);
    }

    private static BoundingBox? Box(RequestChecks checks, string? text)
    {
        if (Numbers(checks, "bbox", text, 4) is not { } v)
        {
            return null;
        }

        if (v[0] is < -180 or > 180 || v[2] is < -180 or > 180 || v[1] is < -90 or > 90 || v[3] is < -90 or > 90
            || v[1] > v[3])
        {
            checks.Fail("bbox", "coordinates-range",
                "'bbox' is minLon,minLat,maxLon,maxLat in degrees with minLat <= maxLat (minLon > maxLon crosses 180).");
            return null;
        }

        return new BoundingBox(v[0], v[1], v[2], v[3]);
    }

    private static bool Flag(RequestChecks checks, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        checks.Fail(field, "boolean-format", $"'{field}' is true or false.");
        return false;
    }

    private static MinorityLanguageSpelling? MinorityLanguage(MinorityLanguageSpellingRequest? request) =>
        request is null ? null : new MinorityLanguageSpelling(request.Language?.Trim() ?? "", request.Reason?.Trim() ?? "");
}
