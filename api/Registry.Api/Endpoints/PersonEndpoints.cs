using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Persons;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;

namespace Registry.Api.Endpoints;

/// <summary>
/// Persons in the marriage registry, by the key of an identity document (a resident ID number, or another document's
/// key such as <c>passport:USA:E12345678</c>); documents linked to a person lead to that person's record: marital status and numbered
/// marriage-record extracts (<c>registrar.marriage</c> only; each read is logged), and the access log of those reads
/// (<c>admin</c> only).
/// </summary>
public static class PersonEndpoints
{
    public static IEndpointRouteBuilder MapPersonEndpoints(this IEndpointRouteBuilder routes)
    {
        var persons = routes.MapGroup("/api/persons").WithTags("Persons")
            .RequireAuthorization(RegistryPolicies.MarriageRegistrar);

        persons.MapGet("/{idNumber}/marital-status", GetMaritalStatus)
            .WithName(nameof(GetMaritalStatus))
            .WithSummary("Marital status with the marriage records naming the person (access is logged)")
            .ProducesChangeProblems();

        persons.MapGet("/{idNumber}/history", GetPersonHistory)
            .WithName(nameof(GetPersonHistory))
            .WithSummary("Each link of a document to the person and its undo, with who, when and why " +
                "(access is logged)")
            .ProducesReadProblems();

        persons.MapPost("/{idNumber}/marriage-record-extracts", IssueMarriageRecordExtract)
            .RequireOffice(OfficeTargets.AtOffice<MarriageRecordExtractRequest>(r => r.Office, (r, o) => r with { Office = o }))
            .WithName(nameof(IssueMarriageRecordExtract))
            .WithSummary("Issue a numbered marriage-record extract: every record naming the person, or none " +
                "(access is logged)")
            .ProducesChangeProblems();

        routes.MapGet("/api/persons", SearchPersons)
            .WithTags("Persons")
            .WithName(nameof(SearchPersons))
            .WithSummary("Search persons by name: their documents and status (every search is logged)")
            .RequireAuthorization(RegistryPolicies.MarriageRegistrar)
            .ProducesReadProblems();

        routes.MapGet("/api/marriage-record-extracts/{number}", GetMarriageRecordExtract)
            .WithTags("Persons")
            .WithName(nameof(GetMarriageRecordExtract))
            .WithSummary("A marriage-record extract as issued, by its number (access is logged)")
            .RequireAuthorization(RegistryPolicies.MarriageRegistrar)
            .ProducesReadProblems();

        persons.MapPost("/{idNumber}/documents", LinkDocument)
            .RequireOffice(OfficeTargets.AtOffice<LinkDocumentRequest>(r => r.Office, (r, o) => r with { Office = o }))
            .WithName(nameof(LinkDocument))
            .WithSummary("Link another identity document to the person (renewed passport, corrected ID number)")
            .ProducesChangeProblems();

        persons.MapPost("/{idNumber}/documents/unlink", UnlinkDocument)
            .RequireOffice(OfficeTargets.AtOffice<LinkDocumentRequest>(r => r.Office, (r, o) => r with { Office = o }))
            .WithName(nameof(UnlinkDocument))
            .WithSummary("Undo a document's link to the person, made in error: the document is a person of its own again")
            .ProducesChangeProblems();

        routes.MapGet("/api/access-log", GetAccessLog)
            .WithTags("Persons")
            .WithName(nameof(GetAccessLog))
            .WithSummary("Reads of person data in a period (default today), optionally of one person and/or by one user, paged")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesReadProblems();

        return routes;
    }

    public static async Task<Ok<MaritalStatusResponse>> GetMaritalStatus(string idNumber, IGrainFactory grains,
        BureauClock clock)
    {
        var number = CheckedIdNumber(idNumber, clock);
        var status = await grains.Get<IPersonGrain>(number).GetMaritalStatusAsync();
        return TypedResults.Ok(MaritalStatusResponse.From(status));
    }

    public static async Task<Ok<PersonHistoryResponse>> GetPersonHistory(string idNumber, IGrainFactory grains,
        BureauClock clock)
    {
        var number = CheckedIdNumber(idNumber, clock);
        var history = await grains.Get<IPersonGrain>(number).GetHistoryAsync();
        return TypedResults.Ok(PersonHistoryResponse.From(history));
    }

    public static async Task<Created<MarriageRecordExtractResponse>> IssueMarriageRecordExtract(string idNumber,
        MarriageRecordExtractRequest request, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks().Office("office", request.Office);
        var number = checks.DocumentKey("idNumber", idNumber, clock.Today);
        checks.ThrowIfAny();
        var extract = await grains.Get<IPersonGrain>(number!).IssueMarriageRecordExtractAsync(request.Office!);
        return TypedResults.Created($"/api/marriage-record-extracts/{extract.Number}",
            MarriageRecordExtractResponse.From(extract));
    }

    /// <summary>The most persons one page of a search answers, and the page's size unless asked for fewer.</summary>
    public const int MaxSearchResults = 50;

    public static async Task<Ok<PersonSearchResponse>> SearchPersons(string? name, int? limit, string? after,
        IGrainFactory grains)
    {
        var checks = new RequestChecks().Required("name", name);
        if (name?.Trim().Length > 100)
        {
            checks.Fail("name", "field-too-long", "'name' is at most 100 characters.");
        }

        if (limit is < 1 or > MaxSearchResults)
        {
            checks.Fail("limit", "limit-range", $"'limit' must be from 1 to {MaxSearchResults}.");
        }

        if (after is not null && !PersonSearchAnswer.IsPageKey(after))
        {
            checks.Fail("after", "cursor-invalid", "'after' must be the 'next' of a previous page of this search.");
        }

        checks.ThrowIfAny();
        var answer = await grains.Get<IPersonSearchGrain>(0).SearchAsync(name!, limit ?? MaxSearchResults, after);
        return TypedResults.Ok(new PersonSearchResponse(PersonNameEntry.KeyOf(name!), answer.Persons.Count,
            answer.Truncated, answer.Persons.Select(PersonFoundResponse.From).ToList(), answer.Next));
    }

    public static async Task<Ok<MarriageRecordExtractResponse>> GetMarriageRecordExtract(string number,
        IGrainFactory grains)
    {
        var checks = new RequestChecks();
        if (!MarriageRecordExtractNumber.IsWellFormed(number))
        {
            checks.Fail("number", "extract-number-format",
                "An extract number is Z, the issuing office's 6-digit code, '-', the year, '-', and a 6-digit " +
                "serial (e.g. Z110101-2026-000001).");
        }

        checks.ThrowIfAny();
        var extract = await grains.Get<IMarriageRecordExtractGrain>(number).GetAsync();
        return TypedResults.Ok(MarriageRecordExtractResponse.From(extract));
    }

    public static async Task<Ok<AccessLogPageResponse>> GetAccessLog(string? date, string? from, string? to,
        string? subject, string? actor, string? after, int? limit, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks();
        var day = checks.Date("date", date);
        var first = checks.Date("from", from);
        var last = checks.Date("to", to);
        var number = checks.DocumentKey("subject", subject, clock.Today);
        if (day is not null && (first is not null || last is not null))
        {
            checks.Fail("date", "access-log-period", "Give either 'date' or 'from'/'to', not both.");
        }

        first = day ?? first ?? last ?? clock.Today;
        last = day ?? last ?? (from is null ? first : clock.Today);
        if (last < first || last.Value.DayNumber - first.Value.DayNumber >= MaxAccessLogDays)
        {
            checks.Fail("to", "access-log-period",
                $"'to' must be on or after 'from', and the period at most {MaxAccessLogDays} days.");
        }

        if (limit is < 1 or > MaxAccessLogPage)
        {
            checks.Fail("limit", "limit-range", $"'limit' must be from 1 to {MaxAccessLogPage}.");
        }

        if (actor is { Length: 0 or > 200 })
        {
            checks.Fail("actor", "field-too-long", "'actor' must be a user name of 1 to 200 characters.");
        }

        checks.ThrowIfAny();
        var search = new AccessLogSearch(StartOf(first.Value, clock), StartOf(last.Value.AddDays(1), clock), number,
            actor, after, limit ?? DefaultAccessLogPage);
        var page = await grains.Get<IAccessLogGrain>(0).SearchAsync(search);
        return TypedResults.Ok(AccessLogPageResponse.From(page));
    }

    private const int DefaultAccessLogPage = 100;
    private const int MaxAccessLogPage = 1_000;
    private const int MaxAccessLogDays = 366;

    private static DateTimeOffset StartOf(DateOnly day, BureauClock clock)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, clock.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static async Task<Created<LinkedDocumentResponse>> LinkDocument(string idNumber,
        LinkDocumentRequest request, IGrainFactory grains, BureauClock clock)
    {
        var (document, person) = CheckedLink(idNumber, request, clock);
        await grains.Get<IPersonGrain>(document).LinkToPersonAsync(person, request.Reason!.Trim());
        return TypedResults.Created($"/api/persons/{Uri.EscapeDataString(document)}/marital-status",
            new LinkedDocumentResponse(document, person));
    }

    public static async Task<Ok<UnlinkedDocumentResponse>> UnlinkDocument(string idNumber,
        LinkDocumentRequest request, IGrainFactory grains, BureauClock clock)
    {
        var (document, person) = CheckedLink(idNumber, request, clock);
        await grains.Get<IPersonGrain>(document).UnlinkFromPersonAsync(person, request.Reason!.Trim());
        return TypedResults.Ok(new UnlinkedDocumentResponse(document, person));
    }

    /// <summary>The keys of the document and the person a link or its undo names, checked.</summary>
    private static (string Document, string Person) CheckedLink(string idNumber, LinkDocumentRequest request,
        BureauClock clock)
    {
        var today = clock.Today;
        var checks = new RequestChecks()
            .Required("documentType", request.DocumentType)
            .Required("number", request.Number)
            .Required("reason", request.Reason)
            .Office("office", request.Office);
        var person = checks.DocumentKey("idNumber", idNumber, today);

        // A party an archive record names without a document is named by their record and side (RECORD-ID-A), so
        // that the card they came with keeps the person record.
        var document = request.DocumentType == IdentityDocumentType.Unrecorded
            ? checks.DocumentKey("number", request.Number is null ? null : IdentityDocument.UnrecordedPrefix + request.Number,
                today)
            : checks.Document("number", request.DocumentType, request.Number, request.Country, today, "country");
        checks.ThrowIfAny();
        return (document!, person!);
    }

    private static string CheckedIdNumber(string idNumber, BureauClock clock)
    {
        var checks = new RequestChecks();
        var key = checks.DocumentKey("idNumber", idNumber, clock.Today);
        checks.ThrowIfAny();
        return key!;
    }
}
