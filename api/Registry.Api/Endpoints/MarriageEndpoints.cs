using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Text;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Marriages;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;

namespace Registry.Api.Endpoints;

/// <summary>
/// Marriage records: registration (any office may register anyone), the record, certificate replacements and court
/// judgments. Only the <c>registrar.marriage</c> role; every read of person data is written to the access log.
/// </summary>
public static class MarriageEndpoints
{
    /// <summary>Every route of the marriage registry: marriages, divorce applications, persons, the access
    /// log, the offices' day registers.</summary>
    public static IEndpointRouteBuilder MapMarriageRegistryEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapMarriageEndpoints().MapDivorceEndpoints().MapPersonEndpoints().MapOfficeRegisterEndpoints()
            .MapHolidayCalendarEndpoints();

    public static IEndpointRouteBuilder MapMarriageEndpoints(this IEndpointRouteBuilder routes)
    {
        // Grouped on /api, not /api/marriages: a group's "" pattern would end in a slash that the OpenAPI path lacks,
        // and this way the collection's POST shares the group's tag and policy instead of repeating them.
        var group = routes.MapGroup("/api").WithTags("Marriages")
            .RequireAuthorization(RegistryPolicies.MarriageRegistrar);

        group.MapPost("/marriages", RegisterMarriage)
            .RequireOffice(OfficeTargets.AtOffice<RegisterMarriageRequest>(r => r.Office, (r, o) => r with { Office = o }))
            .WithName(nameof(RegisterMarriage))
            .WithSummary("Register a marriage; 201 with the record id and the J certificate number")
            .ProducesChangeProblems();

        group.MapPost("/marriages/archive-entries", EnterArchivedMarriage)
            .RequireOffice(OfficeTargets.AnyOffice)
            .WithName(nameof(EnterArchivedMarriage))
            .WithSummary("Enter a marriage from the archive (补录) with its original number, date and office; " +
                "idempotent by certificate number")
            .ProducesChangeProblems();

        group.MapPost("/marriages/archive-imports", ImportArchivedMarriages)
            .RequireOffice(OfficeTargets.AnyOffice)
            .WithName(nameof(ImportArchivedMarriages))
            .WithSummary("Import archive records from CSV, line by line; idempotent by certificate number; answers " +
                "the report of stored and rejected lines")
            .Accepts<string>("text/csv")
            .ProducesChangeProblems();

        group.MapGet("/marriages/{id}", GetMarriage)
            .WithName(nameof(GetMarriage))
            .WithSummary("A marriage record with certificates, divorce applications and history (access is logged)")
            .ProducesChangeProblems();

        group.MapPost("/marriages/{id}/certificate-replacements", ReplaceCertificate)
            .RequireOffice(OfficeTargets.AtOffice<ReplaceCertificateRequest>(r => r.Office, (r, o) => r with { Office = o }))
            .WithName(nameof(ReplaceCertificate))
            .WithSummary("Replace a party's certificate (BJ or BL number); the old number stays on record as void")
            .ProducesChangeProblems();

        group.MapPost("/marriages/{id}/judgments", RecordJudgment)
            .RequireOffice(OfficeTargets.AnyOffice)
            .WithName(nameof(RecordJudgment))
            .WithSummary("Record a court judgment (annulment, voidness, divorce, mediation, correction, declaration " +
                "of death or its revocation) as a new history entry")
            .ProducesChangeProblems();

        group.MapGet("/certificates/{number}", VerifyCertificate)
            .WithName(nameof(VerifyCertificate))
            .WithSummary("Verify a certificate number: valid, void (with the reason) or replaced; holders masked. A " +
                "number of an earlier format, from the archive, with the office and year that issued it")
            .ProducesChangeProblems();

        group.MapPost("/marriages/{id}/deaths", RecordDeath)
            .RequireOffice(OfficeTargets.AnyOffice)
            .WithName(nameof(RecordDeath))
            .WithSummary("Record a party's death (death certificate or household deregistration); the survivor is " +
                "widowed")
            .ProducesChangeProblems();

        return routes;
    }

    public const int MaxArchiveImportLines = 50_000;

    public static async Task<Created<MarriageRegistrationResponse>> RegisterMarriage(RegisterMarriageRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var today = clock.Today;
        var checks = new RequestChecks().Office("office", request.Office);
        Parties(checks, request.PartyA, request.PartyB, today, archive: false);
        checks.ThrowIfAny();
        var command = new RegisterMarriage(request.Office!, ToParty(request.PartyA!), ToParty(request.PartyB!),
            request.Declarations?.NoSpouse == true, request.Declarations?.NoProhibitedKinship == true,
            request.BothPresent == true);
        var registration = await grains.Get<IMarriageGrain>(MarriageId.New(clock.Now)).RegisterAsync(command);
        return TypedResults.Created($"/api/marriages/{registration.MarriageId}",
            MarriageRegistrationResponse.From(registration));
    }

    public static async Task<Created<MarriageRegistrationResponse>> EnterArchivedMarriage(
        ArchiveEntryRequest request, IGrainFactory grains, BureauClock clock)
    {
        var today = clock.Today;
        var checks = new RequestChecks()
            .Required("certificateNumber", request.CertificateNumber)
            .Required("registeredOn", request.RegisteredOn)
            .Required("source", request.Source)
            .Required("source.volume", request.Source?.Volume)
            .Required("source.page", request.Source?.Page)
            .ArchiveOffice("office", request.Office);
        Parties(checks, request.PartyA, request.PartyB, today, archive: true);
        if (request.Ended is { } ended)
        {
            checks.Required("ended.kind", ended.Kind)
                .Required("ended.endedOn", ended.EndedOn)
                .Required("ended.reference", ended.Reference)
                .Required("ended.authority", ended.Authority);
            if (ended.Kind == ArchivedEndKind.Death)
            {
                checks.Required("ended.partyIdNumber", ended.PartyIdNumber);
            }
        }

        checks.ThrowIfAny();
        var number = request.CertificateNumber!.Trim();
        var command = new EnterArchivedMarriage(request.Office!, number, request.RegisteredOn!.Value,
            ToParty(request.PartyA!), ToParty(request.PartyB!),
            new ArchiveSource(request.Source!.Volume!, request.Source.Page!))
        {
            Ended = request.Ended is { } end
                ? new ArchivedEnd(end.Kind!.Value, end.EndedOn!.Value, end.Reference!, end.Authority!,
                    end.PartyIdNumber)
                : null,
        };
        var entered = await grains.Get<IMarriageGrain>(command.RecordId()).EnterFromArchiveAsync(command);
        return TypedResults.Created($"/api/marriages/{entered.MarriageId}",
            MarriageRegistrationResponse.From(entered));
    }

    public static async Task<Ok<ArchiveImportResponse>> ImportArchivedMarriages(HttpRequest request,
        IGrainFactory grains, ILogger<ArchiveImportResponse> logger)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var columns = ArchiveCsv.ColumnsOf(await reader.ReadLineAsync());
        if (columns is null)
        {
            new RequestChecks().Fail("body", "csv-header",
                $"The first line names the columns: {string.Join(',', ArchiveCsv.Columns)}, optionally followed by " +
                $"{string.Join(',', ArchiveCsv.EndColumns)}.").ThrowIfAny();
        }

        var lineNumber = 1;
        var rejected = new List<ArchiveImportRejectionResponse>();
        var entries = new ArchiveEntries(grains);
        while (await reader.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (lineNumber > MaxArchiveImportLines + 1)
            {
                rejected.Add(new(lineNumber, null, "archive-import-too-long",
                    $"An import takes at most {MaxArchiveImportLines} lines; import the rest separately."));
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (command, rule, message) = ArchiveCsv.Parse(line, columns!);
            if (command is null)
            {
                rejected.Add(new(lineNumber, null, rule, message));
                continue;
            }

            if (entries.Add(lineNumber, command))
            {
                await entries.EnterBatchAsync();
                logger.LogInformation("Archive import: {Lines} lines read, {Stored} stored, {Rejected} rejected",
                    lineNumber - 1, entries.Stored, rejected.Count + entries.Rejected.Count);
            }
        }

        await entries.EnterBatchAsync();
        rejected.AddRange(entries.Rejected);
        rejected.Sort((x, y) => x.Line.CompareTo(y.Line));
        var stored = entries.Stored;
        return TypedResults.Ok(new ArchiveImportResponse(lineNumber - 1, stored, rejected));
    }

    public static async Task<Ok<MarriageResponse>> GetMarriage(string id, IGrainFactory grains)
    {
        new RequestChecks().MarriageId("id", id).ThrowIfAny();
        return TypedResults.Ok(MarriageResponse.From(await grains.Get<IMarriageRecordReaderGrain>(0).GetAsync(id)));
    }

    public static async Task<Created<CertificateResponse>> ReplaceCertificate(string id,
        ReplaceCertificateRequest request, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks()
            .MarriageId("id", id)
            .Required("party", request.Party)
            .Office("office", request.Office);
        var party = checks.DocumentKey("party", request.Party, clock.Today);
        checks.ThrowIfAny();
        var certificate = await grains.Get<IMarriageGrain>(id).ReplaceCertificateAsync(
            new ReplaceCertificate(party!, request.Office!));
        return TypedResults.Created($"/api/marriages/{id}", CertificateResponse.From(certificate));
    }

    public static async Task<Created<MarriageEventResponse>> RecordJudgment(string id, RecordJudgmentRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks()
            .MarriageId("id", id)
            .Required("kind", request.Kind)
            .Required("court", request.Court)
            .Required("reference", request.Reference)
            .Required("judgmentDate", request.JudgmentDate)
            .Required("reason", request.Reason);
        var party = checks.DocumentKey("party", request.Party, clock.Today);
        if (request.Kind is CourtJudgmentKind.Correction or CourtJudgmentKind.DeclarationOfDeath
            or CourtJudgmentKind.RevocationOfDeclarationOfDeath)
        {
            checks.Required("party", request.Party);
        }

        if (request.Kind is CourtJudgmentKind.Divorce or CourtJudgmentKind.DivorceMediation)
        {
            checks.Required("effectiveDate", request.EffectiveDate);
        }

        checks.ThrowIfAny();
        var recorded = await grains.Get<IMarriageGrain>(id).RecordJudgmentAsync(new CourtJudgment(
            request.Kind!.Value, request.Court!, request.Reference!, request.JudgmentDate!.Value, request.Reason!,
            party, request.CorrectedName,
            request.CorrectedNationality)
        {
            EffectiveDate = request.EffectiveDate,
            SpouseDeclinesRevival = request.SpouseDeclinesRevival == true,
        });
        return TypedResults.Created($"/api/marriages/{id}", MarriageEventResponse.From(recorded));
    }

    /// <summary>
    /// A certificate by its number: a number of the national format alone (it names its office and year); a number
    /// of an earlier format, which only an archive record carries, with the <paramref name="office"/> and
    /// <paramref name="year"/> that issued it, as the paper certificate shows them (see
    /// <see cref="CertificateNumber.KeyOf"/>).
    /// </summary>
    public static async Task<Ok<CertificateVerificationResponse>> VerifyCertificate(string number, string? office,
        int? year, HttpRequest http, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks().KnownParametersOnly(http.Query, ["office", "year"]);
        var key = number;
        if (CertificateNumber.IsWellFormed(number))
        {
            if (office is not null || year is not null)
            {
                checks.Fail(office is not null ? "office" : "year", "certificate-number-qualified",
                    "A number of the national format names its office and year: 'office' and 'year' go only with " +
                    "a number of an earlier format, from the archive.");
            }
        }
        else if (CertificateNumber.IsOriginalWellFormed(number) && (office is not null || year is not null))
        {
            checks.Required("office", office).DivisionCode("office", office).Required("year", year);
            if (year is < 1900 || year > clock.Today.Year)
            {
                checks.Fail("year", "value-out-of-range",
                    $"'year' is the year the certificate was issued, from 1900 to {clock.Today.Year}.");
            }

            key = CertificateNumber.KeyOf(number, office ?? "", year ?? 0);
        }
        else
        {
            checks.Fail("number", "certificate-number-format",
                "A certificate number is J, L, BJ or BL, the office's 6-digit code, '-', the year, '-', and a " +
                "6-digit serial (e.g. J110101-2026-000001); a record from the archive may carry a number of an " +
                "earlier format (京东结字第0123号), looked up with the 'office' and 'year' that issued it.");
        }

        checks.ThrowIfAny();
        var verification = await grains.Get<IMarriageRecordReaderGrain>(0).VerifyCertificateAsync(number, key);
        return TypedResults.Ok(CertificateVerificationResponse.From(verification));
    }

    public static async Task<Created<MarriageEventResponse>> RecordDeath(string id, RecordDeathRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks()
            .MarriageId("id", id)
            .Required("party", request.Party)
            .Required("diedOn", request.DiedOn)
            .Required("proof", request.Proof)
            .Required("proofReference", request.ProofReference)
            .Required("issuedBy", request.IssuedBy);
        var party = checks.DocumentKey("party", request.Party, clock.Today);
        checks.ThrowIfAny();
        var recorded = await grains.Get<IMarriageGrain>(id).RecordDeathAsync(new RecordDeath(
            party!, request.DiedOn!.Value, request.Proof!.Value,
            request.ProofReference!, request.IssuedBy!));
        return TypedResults.Created($"/api/marriages/{id}", MarriageEventResponse.From(recorded));
    }

    /// <summary>Both parties of a registration or an archive entry: present, each with an identity document that
    /// is valid for its type on <paramref name="today"/>; in an <paramref name="archive"/> entry a party may have
    /// none recorded (<see cref="IdentityDocumentType.Unrecorded"/>, checked by the archive's rules).</summary>
    private static void Parties(RequestChecks checks, MarriagePartyRequest? partyA, MarriagePartyRequest? partyB,
        DateOnly today, bool archive)
    {
        foreach (var (field, party) in new[] { ("partyA", partyA), ("partyB", partyB) })
        {
            checks.Required(field, party);
            if (party is not null)
            {
                checks.Required(field + ".name", party.Name)
                    .Required(field + ".nationality", party.Nationality);
                if (party.DocumentType == IdentityDocumentType.Unrecorded && !archive)
                {
                    // Refused with the document type's rule, on that field.
                    checks.Document(field + ".documentType", party.DocumentType, party.IdNumber ?? "", null, today,
                        field + ".country");
                }
                else if (party.DocumentType != IdentityDocumentType.Unrecorded)
                {
                    checks.Required(field + ".idNumber", party.IdNumber)
                        .Document(field + ".idNumber", party.DocumentType, party.IdNumber, party.Country, today,
                            field + ".country");
                }
            }
        }
    }

    private static MarriageParty ToParty(MarriagePartyRequest party) =>
        new(MarriageRequestChecks.IdNumber(party.IdNumber ?? ""), party.Name!, party.Nationality!)
        {
            DocumentType = party.DocumentType ?? IdentityDocumentType.ResidentId,
            Country = party.Country,
            Sex = party.Sex,
            BirthDate = party.BirthDate,
        };
}
