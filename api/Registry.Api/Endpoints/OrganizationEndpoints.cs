using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Organizations;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;
using Registry.Api.Organizations;

namespace Registry.Api.Endpoints;

/// <summary>
/// Social organizations: registration by the organization registrar, annual reports filed by the organization
/// itself (token role <c>organization</c> with its <c>uscc</c> claim) or its registrar, inspections, list removals
/// and grades; anonymous public reads of the record, the search and the two credit lists.
/// </summary>
public static class OrganizationEndpoints
{
    /// <summary>The claim naming the organization a token with the <c>organization</c> role acts for.</summary>
    public const string UsccClaim = "uscc";

    public const int MaxPageSize = 100;

    /// <summary>Deepest result reachable by paging (page x pageSize); narrower filters reach the rest.</summary>
    public const int MaxPagingDepth = 10_000;

    private const int DefaultPageSize = 20;

    /// <summary>Largest register file accepted (about 4 million rows of this CSV).</summary>
    public const long MaxImportBytes = 512L * 1024 * 1024;

    private static readonly string[] SearchParameters =
        ["name", "uscc", "legalRepresentative", "kind", "registeringOffice", "status", "page", "pageSize"];

    private static readonly string[] ListParameters = ["page", "pageSize"];

    private static readonly string UsccFormatMessage =
        $"A Unified Social Credit Code is {UnifiedSocialCreditCode.Length} characters of {UnifiedSocialCreditCode.Alphabet}.";

    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder routes)
    {
        const string root = "/api/organizations";
        var group = routes.MapGroup(root).WithTags("Organizations");

        // The collection itself is mapped outside the group: a group's empty pattern would end in a slash.
        routes.MapPost(root, Register)
            .RequireOffice(OfficeTargets.Within<RegisterOrganizationRequest>(r => r.RegisteringOffice))
            .WithTags("Organizations")
            .WithName(nameof(Register))
            .WithSummary("Register a social organization under its Unified Social Credit Code")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/imports", ImportRegister)
            .RequireOffice(OfficeTargets.National)
            .WithName(nameof(ImportRegister))
            .WithSummary("Enter the existing register from a CSV file (code, name, kind, office, registeredOn, " +
                "legalRepresentative, status, grade) as a job: 202 with the job to follow (wait=true: 200 when done); " +
                "idempotent, with a report of every rejected row")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .Accepts<string>("text/csv")
            .Produces<OrganizationImportJobResponse>(StatusCodes.Status202Accepted)
            .ProducesChangeProblems();

        group.MapGet("/imports/{id}", GetRegisterImport)
            .WithName(nameof(GetRegisterImport))
            .WithSummary("An import of the register: status and rows read, imported, already stored and rejected so far")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesReadProblems();

        group.MapGet("/imports/{id}/rejections", GetRegisterImportRejections)
            .WithName(nameof(GetRegisterImportRejections))
            .WithSummary("An import's rejection report as CSV: line, code, rule, field and message of each refused row")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .Produces(StatusCodes.Status200OK, contentType: RejectionReportCsv.ContentType)
            .ProducesReadProblems();

        routes.MapGet(root, Search)
            .WithTags("Organizations")
            .WithName(nameof(Search))
            .WithSummary("Search organizations by name fragment, code, legal representative, kind, registering office (with the offices below it) and status (paged); unknown parameters are a 400")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapPost("/index/rebuild", RebuildOrganizationIndex)
            .WithName(nameof(RebuildOrganizationIndex))
            .WithSummary("Maintenance: build the search index's stored entries again from the organization records")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/lists/abnormal", GetAbnormalList)
            .WithName(nameof(GetAbnormalList))
            .WithSummary("The abnormal-activity list, newest listing first (paged)")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapGet("/lists/dishonest", GetDishonestList)
            .WithName(nameof(GetDishonestList))
            .WithSummary("The serious-dishonesty list, newest listing first (paged)")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapGet("/{uscc}", GetOrganization)
            .WithName(nameof(GetOrganization))
            .WithSummary("The public record: particulars, inspection outcomes, list entries, grade (no financial detail)")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{uscc}/history", GetOrganizationHistory)
            .WithName(nameof(GetOrganizationHistory))
            .WithSummary("Every change, listing and decision with date, who and why (the organization itself or its registrar)")
            .RequireAuthorization(OrganizationOrRegistrar)
            .ProducesReadProblems();

        group.MapPost("/{uscc}/changes", Change)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(Change))
            .WithSummary("Change name, legal representative, address or business scope")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/deregistration", Deregister)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(Deregister))
            .WithSummary("Deregister the organization today; the record stays readable")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/annual-reports", FileAnnualReport)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(FileAnnualReport))
            .WithSummary("File the annual report for a year, inside the registering office's filing window")
            .RequireAuthorization(OrganizationOrRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/{uscc}/annual-reports/{year}", GetAnnualReport)
            .WithName(nameof(GetAnnualReport))
            .WithSummary("A report year with every version and its figures (the organization itself or its registrar)")
            .RequireAuthorization(OrganizationOrRegistrar)
            .ProducesReadProblems();

        group.MapPut("/{uscc}/annual-reports/{year}/draft", SaveAnnualReportDraft)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(SaveAnnualReportDraft))
            .WithSummary("Save the draft of a year's report without submitting it (any field may still be missing)")
            .RequireAuthorization(OrganizationOrRegistrar)
            .ProducesChangeProblems();

        group.MapGet("/{uscc}/annual-reports/{year}/draft", GetAnnualReportDraft)
            .WithName(nameof(GetAnnualReportDraft))
            .WithSummary("The saved draft of a year's report (the organization itself or its registrar)")
            .RequireAuthorization(OrganizationOrRegistrar)
            .ProducesReadProblems();

        group.MapPost("/{uscc}/annual-reports/{year}/draft/submission", SubmitAnnualReportDraft)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(SubmitAnnualReportDraft))
            .WithSummary("Submit the saved draft as the year's report: checked as a filing, the draft is removed")
            .RequireAuthorization(OrganizationOrRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/annual-reports/{year}/corrections", CorrectAnnualReport)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(CorrectAnnualReport))
            .WithSummary("Correct a report before its inspection: a new version, the earlier ones are kept")
            .RequireAuthorization(OrganizationOrRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/annual-reports/{year}/inspection", RecordInspection)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(RecordInspection))
            .WithSummary("Record the inspection outcome of a filed report (pass, basic-pass, fail)")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/abnormal-listings", ListAsAbnormal)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(ListAsAbnormal))
            .WithSummary("List the organization as abnormal: unreachable at its registered address (a registrar's finding)")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/list-removals", RemoveFromList)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(RemoveFromList))
            .WithSummary("Take the organization off the abnormal or serious-dishonesty list by registrar decision")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/grades", EvaluateGrade)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(EvaluateGrade))
            .WithSummary("Record a grade evaluation 1A-5A, valid five years (two full years after registration, last inspection passed, not listed, no grade in force)")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/penalties", ImposePenalty)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(ImposePenalty))
            .WithSummary("Record an administrative penalty decision (warning, fine, confiscation, suspension, revocation); public")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        group.MapPost("/{uscc}/dishonest-listings", ListAsSeriouslyDishonest)
            .RequireOffice(OfficeTargets.Organization)
            .WithName(nameof(ListAsSeriouslyDishonest))
            .WithSummary("Put the organization on the serious-dishonesty list by decision, on a ground of the 2018 measures")
            .RequireAuthorization(RegistryPolicies.OrganizationRegistrar)
            .ProducesChangeProblems();

        return routes;
    }

    public static async Task<Created<OrganizationResponse>> Register(RegisterOrganizationRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks()
            .Required("uscc", request.Uscc)
            .Required("name", request.Name)
            .Required("kind", request.Kind)
            .Required("registeringOffice", request.RegisteringOffice)
            .Required("legalRepresentative", request.LegalRepresentative)
            .Required("address", request.Address)
            .Required("businessScope", request.BusinessScope)
            .Required("registeredCapital", request.RegisteredCapital)
            .Required("foundedOn", request.FoundedOn);

        // The code is the grain key: a malformed one is refused here, as a malformed path code is, so no grain is
        // activated (and kept in memory) for an arbitrary string of any length a client puts in the body.
        var uscc = request.Uscc?.Trim().ToUpperInvariant() ?? "";
        if (uscc.Length > 0 && !UnifiedSocialCreditCode.IsWellFormed(uscc))
        {
            checks.Fail("uscc", "uscc-format", UsccFormatMessage);
        }

        checks.ThrowIfAny();
        var details = await grains.Get<IOrganizationGrain>(uscc).RegisterAsync(new RegisterOrganization(
            uscc, request.Name!, request.Kind!.Value, request.RegisteringOffice!.Trim(), request.SupervisingUnit,
            request.LegalRepresentative!, request.Address!, request.BusinessScope!, request.RegisteredCapital!.Value,
            request.FoundedOn!.Value, request.LegacyCodeOverride is null ? null : request.LegacyCodeOverride.Reason ?? ""));
        return TypedResults.Created($"/api/organizations/{uscc}", OrganizationResponse.From(details, clock.Today));
    }

    /// <summary>
    /// The body is the CSV text, stored as it arrives in a spool file (a national register of 900,000 rows is not
    /// held in memory), its header checked, then imported by a job: 202 with the job's address at once, or with
    /// <c>wait=true</c> 200 with the job once every row is stored or refused (a failure that is not a row's is then
    /// the answer, e.g. a 503). <c>source</c> names the file in every record's history.
    /// </summary>
    public static async Task<Results<Accepted<OrganizationImportJobResponse>, Ok<OrganizationImportJobResponse>>>
        ImportRegister(HttpContext context, string? source, string? wait, OrganizationImportJobs jobs,
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

        var (job, completion) = await jobs.StartAsync(context.Request.Body, source!.Trim(), context.RequestAborted);
        if (!waiting)
        {
            return TypedResults.Accepted($"/api/organizations/imports/{job.Id}", OrganizationImportJobResponse.From(job));
        }

        await completion;
        return TypedResults.Ok(OrganizationImportJobResponse.From(
            await grains.Get<IOrganizationImportJobGrain>(job.Id).GetAsync()));
    }

    public static async Task<Ok<OrganizationImportJobResponse>> GetRegisterImport(string id, IGrainFactory grains) =>
        TypedResults.Ok(OrganizationImportJobResponse.From(await ImportJob(grains, id).GetAsync()));

    public static async Task<FileContentHttpResult> GetRegisterImportRejections(string id, IGrainFactory grains)
    {
        var job = await ImportJob(grains, id).GetAsync();
        return TypedResults.File(RejectionReportCsv.Write(job.Rejections), RejectionReportCsv.ContentType,
            $"rejections-{job.Id}.csv");
    }

    /// <summary>The job of an id as the API hands them out (32 hex digits); any other id names no job and
    /// activates no grain.</summary>
    private static IOrganizationImportJobGrain ImportJob(IGrainFactory grains, string id)
    {
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
        {
            throw DomainException.NotFound("import-not-found", "No import of the register has this id.");
        }

        return grains.Get<IOrganizationImportJobGrain>(id);
    }

    public static async Task<Ok<OrganizationIndexRebuildResponse>> RebuildOrganizationIndex(IGrainFactory grains) =>
        TypedResults.Ok(new OrganizationIndexRebuildResponse(await grains.Get<IOrganizationSearchGrain>(0).RebuildAsync()));

    public static async Task<Ok<PageResponse<OrganizationSummaryResponse>>> Search(string? name, string? uscc,
        string? legalRepresentative, string? kind, string? registeringOffice, string? status, string? page,
        string? pageSize, HttpRequest http, IGrainFactory grains)
    {
        var checks = new RequestChecks();
        checks.KnownParametersOnly(http.Query, SearchParameters);
        checks.DivisionCode("registeringOffice", registeringOffice);
        var code = string.IsNullOrWhiteSpace(uscc) ? null : uscc.Trim().ToUpperInvariant();
        if (code is not null && !UnifiedSocialCreditCode.IsWellFormed(code))
        {
            checks.Fail("uscc", "uscc-format", UsccFormatMessage);
        }

        var kindValue = checks.Term<OrganizationKind>("kind", "query-value", kind, OrganizationTermNames.TryKind,
            OrganizationTermNames.KindRule);
        var statusValue = checks.Term<OrganizationStatus>("status", "query-value", status,
            OrganizationTermNames.TryStatus, OrganizationTermNames.StatusRule);
        var (pageNumber, size) = checks.Paging(page, "pageSize", pageSize, DefaultPageSize, MaxPageSize, MaxPagingDepth);
        checks.ThrowIfAny();
        var query = new OrganizationQuery(name, kindValue, registeringOffice, statusValue, null,
            (pageNumber - 1) * size, size, code, string.IsNullOrWhiteSpace(legalRepresentative) ? null : legalRepresentative);
        var result = await grains.Get<IOrganizationSearchGrain>(0).SearchAsync(query);
        return TypedResults.Ok(new PageResponse<OrganizationSummaryResponse>(pageNumber, size, result.Total,
            result.Items.Select(OrganizationSummaryResponse.From).ToList()));
    }

    public static Task<Ok<PageResponse<ListedOrganizationResponse>>> GetAbnormalList(string? page, string? pageSize,
        HttpRequest http, IGrainFactory grains) =>
        GetListAsync(OrganizationList.Abnormal, page, pageSize, http, grains);

    public static Task<Ok<PageResponse<ListedOrganizationResponse>>> GetDishonestList(string? page,
        string? pageSize, HttpRequest http, IGrainFactory grains) =>
        GetListAsync(OrganizationList.SeriousDishonesty, page, pageSize, http, grains);

    public static async Task<Ok<OrganizationResponse>> GetOrganization(string uscc, IGrainFactory grains,
        BureauClock clock)
    {
        var code = Code(uscc);
        var details = await grains.Get<IOrganizationGrain>(code).GetAsync();
        return TypedResults.Ok(OrganizationResponse.From(details, clock.Today));
    }

    public static async Task<Ok<IReadOnlyList<OrganizationEventResponse>>> GetOrganizationHistory(string uscc,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        var code = Code(uscc);
        ActingFor(user, code);
        var history = await grains.Get<IOrganizationGrain>(code).GetHistoryAsync();
        return TypedResults.Ok<IReadOnlyList<OrganizationEventResponse>>(
            history.Select(OrganizationEventResponse.From).ToList());
    }

    public static async Task<Ok<OrganizationResponse>> Change(string uscc, ChangeOrganizationRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var code = Code(uscc);
        new RequestChecks().Required("reason", request.Reason).ThrowIfAny();
        var details = await grains.Get<IOrganizationGrain>(code).ChangeAsync(new ChangeOrganization(
            request.Name, request.LegalRepresentative, request.Address, request.BusinessScope, request.Reason!));
        return TypedResults.Ok(OrganizationResponse.From(details, clock.Today));
    }

    public static async Task<Ok<OrganizationResponse>> Deregister(string uscc, DeregisterOrganizationRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var code = Code(uscc);
        new RequestChecks().Required("reason", request.Reason).ThrowIfAny();
        var details = await grains.Get<IOrganizationGrain>(code)
            .DeregisterAsync(new DeregisterOrganization(request.Reason!));
        return TypedResults.Ok(OrganizationResponse.From(details, clock.Today));
    }

    public static async Task<Created<AnnualReportResponse>> FileAnnualReport(string uscc,
        FileAnnualReportRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var code = Code(uscc);
        var filer = ActingFor(user, code);
        var checks = new RequestChecks().Required("year", request.Year);
        ReportYear(checks, request.Year);
        var content = ReadContent(checks, request);
        checks.ThrowIfAny();
        var report = await grains.Get<IOrganizationGrain>(code).FileAnnualReportAsync(
            new FileAnnualReport(request.Year!.Value, content, filer, request.LateFilingReason));
        return TypedResults.Created($"/api/organizations/{code}/annual-reports/{report.Year}",
            AnnualReportResponse.From(report));
    }

    public static async Task<Ok<AnnualReportResponse>> GetAnnualReport(string uscc, string year, ClaimsPrincipal user,
        IGrainFactory grains)
    {
        var code = Code(uscc);
        var reportYear = PathYear(year);
        ActingFor(user, code);
        var report = await grains.Get<IOrganizationGrain>(code).GetAnnualReportAsync(reportYear);
        return TypedResults.Ok(AnnualReportResponse.From(report));
    }

    /// <summary>The body is a filing body as far as it is filled in; it is kept as it is until submitted.</summary>
    public static async Task<Ok<AnnualReportDraftResponse>> SaveAnnualReportDraft(string uscc, string year,
        AnnualReportDraftRequest request, ClaimsPrincipal user, IGrainFactory grains,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var code = Code(uscc);
        var reportYear = PathYear(year);
        var filer = ActingFor(user, code);
        var form = JsonSerializer.Serialize(request, json.Value.SerializerOptions);
        var draft = await grains.Get<IOrganizationGrain>(code)
            .SaveAnnualReportDraftAsync(new SaveAnnualReportDraft(reportYear, form, filer));
        return TypedResults.Ok(AnnualReportDraftResponse.From(code, draft));
    }

    public static async Task<Ok<AnnualReportDraftResponse>> GetAnnualReportDraft(string uscc, string year,
        ClaimsPrincipal user, IGrainFactory grains)
    {
        var code = Code(uscc);
        var reportYear = PathYear(year);
        ActingFor(user, code);
        var draft = await grains.Get<IOrganizationGrain>(code).GetAnnualReportDraftAsync(reportYear);
        return TypedResults.Ok(AnnualReportDraftResponse.From(code, draft));
    }

    /// <summary>
    /// Reads the saved form as a filing body and files it: a field still missing is a 400 naming it, a broken
    /// identity a 422, as for a direct filing; the draft stays until the filing is stored.
    /// </summary>
    public static async Task<Created<AnnualReportResponse>> SubmitAnnualReportDraft(string uscc, string year,
        SubmitDraftRequest request, ClaimsPrincipal user, IGrainFactory grains,
        Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var code = Code(uscc);
        var reportYear = PathYear(year);
        var filer = ActingFor(user, code);
        var organization = grains.Get<IOrganizationGrain>(code);
        var draft = await organization.GetAnnualReportDraftAsync(reportYear);
        // The draft's fields are a filing body's, by name: read back as one, the year being the route's.
        var form = JsonSerializer.Deserialize<FileAnnualReportRequest>(draft.Form, json.Value.SerializerOptions)!
            with { Year = reportYear };
        var checks = new RequestChecks();
        var content = ReadContent(checks, form);
        checks.ThrowIfAny();
        var report = await organization.FileAnnualReportAsync(new FileAnnualReport(reportYear, content, filer,
            request.LateFilingReason ?? form.LateFilingReason));
        return TypedResults.Created($"/api/organizations/{code}/annual-reports/{reportYear}",
            AnnualReportResponse.From(report));
    }

    public static async Task<Created<AnnualReportResponse>> CorrectAnnualReport(string uscc, string year,
        CorrectAnnualReportRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var code = Code(uscc);
        var reportYear = PathYear(year);
        var filer = ActingFor(user, code);
        var checks = new RequestChecks().Required("reason", request.Reason);
        var content = ReadContent(checks, request);
        checks.ThrowIfAny();
        var report = await grains.Get<IOrganizationGrain>(code).CorrectAnnualReportAsync(
            new CorrectAnnualReport(reportYear, content, filer, request.Reason!));
        return TypedResults.Created($"/api/organizations/{code}/annual-reports/{reportYear}",
            AnnualReportResponse.From(report));
    }

    public static async Task<Created<InspectionResponse>> RecordInspection(string uscc, string year,
        InspectionRequest request, IGrainFactory grains)
    {
        var code = Code(uscc);
        var reportYear = PathYear(year);
        new RequestChecks().Required("outcome", request.Outcome).ThrowIfAny();
        var result = await grains.Get<IOrganizationGrain>(code)
            .RecordInspectionAsync(new RecordInspection(reportYear, request.Outcome!.Value, request.Reasons));
        return TypedResults.Created($"/api/organizations/{code}/annual-reports/{reportYear}", InspectionResponse.From(result));
    }

    public static async Task<Created<ListEntryResponse>> ListAsAbnormal(string uscc, AbnormalListingRequest request,
        IGrainFactory grains)
    {
        var code = Code(uscc);
        var checks = new RequestChecks().Required("ground", request.Ground).Required("findings", request.Findings);
        if (!string.IsNullOrWhiteSpace(request.Ground) &&
            request.Ground.Trim() != ListGrounds.UnreachableAtRegisteredAddress)
        {
            checks.Fail("ground", "listing-ground",
                $"A registrar lists by hand only on '{ListGrounds.UnreachableAtRegisteredAddress}'; reports not " +
                "filed and failed inspections are listed by the system.");
        }

        checks.ThrowIfAny();
        var entry = await grains.Get<IOrganizationGrain>(code)
            .RecordUnreachableAsync(new RecordUnreachable(request.Findings!));
        return TypedResults.Created($"/api/organizations/{code}", ListEntryResponse.From(entry));
    }

    public static async Task<Ok<OrganizationResponse>> RemoveFromList(string uscc, ListRemovalRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var code = Code(uscc);
        new RequestChecks().Required("list", request.List).Required("ground", request.Ground).ThrowIfAny();
        var organization = grains.Get<IOrganizationGrain>(code);
        await organization.RemoveFromListAsync(new RemoveFromList(request.List!.Value, request.Ground!));
        return TypedResults.Ok(OrganizationResponse.From(await organization.GetAsync(), clock.Today));
    }

    public static async Task<Created<GradeResponse>> EvaluateGrade(string uscc, GradeRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var code = Code(uscc);
        var checks = new RequestChecks().Required("grade", request.Grade);
        var grade = request.Grade?.Trim().ToUpperInvariant() is [var digit and >= '1' and <= '5', 'A'] ? digit - '0' : 0;
        if (grade == 0 && !string.IsNullOrWhiteSpace(request.Grade))
        {
            checks.Fail("grade", "grade-format", "A grade is one of 1A, 2A, 3A, 4A, 5A.");
        }

        checks.ThrowIfAny();
        var result = await grains.Get<IOrganizationGrain>(code)
            .EvaluateGradeAsync(new EvaluateGrade(grade, request.Reason)
            {
                EvaluatedOn = request.EvaluatedOn,
                DecisionNumber = request.DecisionNumber,
                Authority = request.Authority,
            });
        return TypedResults.Created($"/api/organizations/{code}", GradeResponse.From(result, clock.Today));
    }

    public static async Task<Created<PenaltyResponse>> ImposePenalty(string uscc, PenaltyRequest request,
        IGrainFactory grains)
    {
        var code = Code(uscc);
        new RequestChecks()
            .Required("kind", request.Kind)
            .Required("decisionNumber", request.DecisionNumber)
            .Required("decidedOn", request.DecidedOn)
            .Required("authority", request.Authority)
            .Required("grounds", request.Grounds)
            .ThrowIfAny();
        var penalty = await grains.Get<IOrganizationGrain>(code).ImposePenaltyAsync(new ImposePenalty(
            request.Kind!.Value, request.DecisionNumber!, request.DecidedOn!.Value, request.Authority!, request.Grounds!,
            request.Amount, request.SuspendedFrom, request.SuspendedUntil));
        return TypedResults.Created($"/api/organizations/{code}", PenaltyResponse.From(penalty));
    }

    public static async Task<Created<ListEntryResponse>> ListAsSeriouslyDishonest(string uscc,
        DishonestListingRequest request, IGrainFactory grains)
    {
        var code = Code(uscc);
        new RequestChecks()
            .Required("ground", request.Ground)
            .Required("decisionNumber", request.DecisionNumber)
            .Required("decidedOn", request.DecidedOn)
            .Required("authority", request.Authority)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        var entry = await grains.Get<IOrganizationGrain>(code).ListAsSeriouslyDishonestAsync(
            new ListAsSeriouslyDishonest(request.Ground!, request.DecisionNumber!, request.DecidedOn!.Value,
                request.Authority!, request.Reason!));
        return TypedResults.Created($"/api/organizations/{code}", ListEntryResponse.From(entry));
    }

    private static async Task<Ok<PageResponse<ListedOrganizationResponse>>> GetListAsync(OrganizationList list,
        string? page, string? pageSize, HttpRequest http, IGrainFactory grains)
    {
        var checks = new RequestChecks();
        checks.KnownParametersOnly(http.Query, ListParameters);
        var (pageNumber, size) = checks.Paging(page, "pageSize", pageSize, DefaultPageSize, MaxPageSize, MaxPagingDepth);
        checks.ThrowIfAny();
        var result = await grains.Get<IOrganizationSearchGrain>(0).SearchAsync(
            new OrganizationQuery(null, null, null, null, list, (pageNumber - 1) * size, size));
        return TypedResults.Ok(new PageResponse<ListedOrganizationResponse>(pageNumber, size, result.Total,
            result.Items.Select(entry => ListedOrganizationResponse.From(entry, list)).ToList()));
    }

    /// <summary>
    /// Who files or reads: the registrar for any organization, an organization only for itself. Anyone else, or an
    /// organization naming another's code, is refused before anything is read or changed.
    /// </summary>
    private static ReportFiler ActingFor(ClaimsPrincipal user, string uscc)
    {
        if (user.IsInRole(RegistryPolicies.OrganizationRegistrar))
        {
            return ReportFiler.Registrar;
        }

        if (user.IsInRole(RegistryPolicies.Organization)
            && string.Equals(user.FindFirstValue(UsccClaim)?.Trim(), uscc, StringComparison.OrdinalIgnoreCase))
        {
            return ReportFiler.Organization;
        }

        throw DomainException.Forbidden("organization-acts-for-itself",
            "An organization files and reads only its own record; this token acts for another organization.");
    }

    private static void OrganizationOrRegistrar(AuthorizationPolicyBuilder policy) =>
        policy.RequireAuthenticatedUser()
            .RequireRole(RegistryPolicies.Organization, RegistryPolicies.OrganizationRegistrar);

    /// <summary>The path's code, upper-cased; a malformed one is a 400.</summary>
    private static string Code(string uscc)
    {
        var code = uscc.Trim().ToUpperInvariant();
        if (!UnifiedSocialCreditCode.IsWellFormed(code))
        {
            new RequestChecks().Fail("uscc", "uscc-format", UsccFormatMessage).ThrowIfAny();
        }

        return code;
    }

    /// <summary>The report year of a path; anything but a calendar year is a 400.</summary>
    private static int PathYear(string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 9000)
        {
            new RequestChecks().Fail("year", "value-out-of-range", "'year' is a calendar year.").ThrowIfAny();
        }

        return year;
    }

    private static void ReportYear(RequestChecks checks, int? year)
    {
        if (year is < 1900 or > 9000)
        {
            checks.Fail("year", "value-out-of-range", "'year' is a calendar year.");
        }
    }

    /// <summary>
    /// The report body as the grain's content: every section present and every figure given (a missing one is a 400
    /// naming it); the accounting identities are the aggregate's rules.
    /// </summary>
    private static AnnualReportContent ReadContent(RequestChecks checks, IAnnualReportBody body)
    {
        checks
            .Required("activities", body.Activities)
            .Required("partyOrganization", body.PartyOrganization)
            .Required("governance", body.Governance)
            .Required("balanceSheet", body.BalanceSheet)
            .Required("incomeBySource", body.IncomeBySource)
            .Required("expenses", body.Expenses)
            .Required("workforce", body.Workforce);

        decimal Amount(string field, decimal? value)
        {
            checks.Required(field, value);
            return value ?? 0;
        }

        int Number(string field, int? value)
        {
            checks.Required(field, value);
            return value ?? 0;
        }

        var g = body.Governance;
        var governance = g is null ? null : new ReportGovernance(Number("governance.councilMeetings", g.CouncilMeetings),
            Number("governance.generalMeetings", g.GeneralMeetings), g.ResponsiblePersonChanges);
        var b = body.BalanceSheet;
        var balance = b is null ? null : new BalanceSheet(Amount("balanceSheet.totalAssets", b.TotalAssets),
            Amount("balanceSheet.totalLiabilities", b.TotalLiabilities),
            Amount("balanceSheet.restrictedNetAssets", b.RestrictedNetAssets),
            Amount("balanceSheet.unrestrictedNetAssets", b.UnrestrictedNetAssets),
            Amount("balanceSheet.totalNetAssets", b.TotalNetAssets),
            Amount("balanceSheet.netAssetsAtStartOfYear", b.NetAssetsAtStartOfYear));
        var i = body.IncomeBySource;
        var income = i is null ? null : new IncomeBySource(Amount("incomeBySource.donations", i.Donations),
            Amount("incomeBySource.governmentGrants", i.GovernmentGrants), Amount("incomeBySource.services", i.Services),
            Amount("incomeBySource.membershipFees", i.MembershipFees), Amount("incomeBySource.investment", i.Investment),
            Amount("incomeBySource.other", i.Other), Amount("incomeBySource.total", i.Total));
        var e = body.Expenses;
        var expenses = e is null ? null : new ExpensesByPurpose(Amount("expenses.programme", e.Programme),
            Amount("expenses.administration", e.Administration), Amount("expenses.fundraising", e.Fundraising),
            Amount("expenses.other", e.Other), Amount("expenses.total", e.Total));
        var w = body.Workforce;
        var workforce = w is null ? null : new ReportWorkforce(Number("workforce.fullTimeStaff", w.FullTimeStaff),
            Number("workforce.partTimeStaff", w.PartTimeStaff), Number("workforce.volunteers", w.Volunteers),
            w.IndividualMembers, w.InstitutionalMembers, Number("workforce.branches", w.Branches),
            Number("workforce.representativeOffices", w.RepresentativeOffices));
        var projects = (body.Projects ?? []).Select((p, index) => new ReportProject(p?.Name ?? "",
            Amount($"projects[{index}].spending", p?.Spending))).ToList();
        return new AnnualReportContent(body.Activities ?? "", income?.Total ?? 0, expenses?.Total ?? 0,
            balance?.TotalNetAssets ?? 0, (workforce?.FullTimeStaff ?? 0) + (workforce?.PartTimeStaff ?? 0),
            body.MajorActivities, body.PartyOrganization ?? default, body.RectificationReport,
            body.BasicInformationChanges, governance, balance, income, expenses, workforce, projects, body.AuditReport,
            body.PublicFundraising ?? false, body.PreviousYearIncome);
    }
}
