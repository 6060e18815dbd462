using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Divisions;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;

namespace Registry.Api.Endpoints;

/// <summary>The administrative-division reference registry: public reads as of any date, admin changes with effective
/// dates and their legal basis.</summary>
public static class DivisionEndpoints
{
    public static IEndpointRouteBuilder MapDivisionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/divisions").WithTags("Divisions");

        group.MapGet("", SearchDivisions)
            .WithName(nameof(SearchDivisions))
            .WithSummary("Divisions whose current or former name is or contains `name`, as of a date (default today)")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapGet("/provinces", GetProvinces)
            .WithName(nameof(GetProvinces))
            .WithSummary("The provinces in force on a date (default today)")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapGet("/changes", GetChanges)
            .WithName(nameof(GetChanges))
            .WithSummary("Every change effective in a period (or known only to lie in an overlapping interval), optionally under one division")
            .AllowAnonymous()
            .ProducesValidationProblem();

        group.MapGet("/{code}", GetDivision)
            .WithName(nameof(GetDivision))
            .WithSummary("A division as of a date (default today), with its parent chain")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{code}/children", GetChildren)
            .WithName(nameof(GetChildren))
            .WithSummary("The divisions directly under a division as of a date (default today)")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{code}/history", GetHistory)
            .WithName(nameof(GetHistory))
            .WithSummary("Every change of a division with its legal basis, oldest first")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("", Establish)
            .WithName(nameof(Establish))
            .WithSummary("Establish a division from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/renames", Rename)
            .WithName(nameof(Rename))
            .WithSummary("Rename a division from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/abolitions", Abolish)
            .WithName(nameof(Abolish))
            .WithSummary("Abolish a division (it must have no subdivisions left) from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/recodings", Recode)
            .WithName(nameof(Recode))
            .WithSummary("End a division's code and replace it by a new one (children move) from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/merges", Merge)
            .WithName(nameof(Merge))
            .WithSummary("Merge a division into an existing one of the same level from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/merges", MergeSeveral)
            .WithName(nameof(MergeSeveral))
            .WithSummary("Merge several divisions into a new or an existing one from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/splits", Split)
            .WithName(nameof(Split))
            .WithSummary("Split a division into several, transferring each subdivision, from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/transfers", Transfer)
            .WithName(nameof(Transfer))
            .WithSummary("Move a division (e.g. a township) to another parent from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        return routes;
    }

    public static async Task<Ok<IReadOnlyList<DivisionSearchResultResponse>>> SearchDivisions(string? name,
        string? asOf, string? limit, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks().Required("name", name);
        if (name is { Length: > DivisionSearchResultResponse.MaxQueryLength })
        {
            checks.Fail("name", "division-name-query-length",
                $"A name to search for has at most {DivisionSearchResultResponse.MaxQueryLength} characters.");
        }

        var date = checks.Date("asOf", asOf);
        var (_, size) = checks.Paging(null, "limit", limit, 50, 500, 500);
        checks.ThrowIfAny();
        var on = date ?? clock.Today;
        var matches = await grains.Get<IDivisionDirectoryGrain>(DirectoryKey).SearchAsync(name!.Trim(), size);
        var summaries = await Task.WhenAll(matches.Select(m => grains.Get<IDivisionGrain>(m.Code).GetSummaryAsync(on)));
        return TypedResults.Ok<IReadOnlyList<DivisionSearchResultResponse>>(matches
            .Zip(summaries, (match, summary) => DivisionSearchResultResponse.From(match, summary, on))
            .ToList());
    }

    public static async Task<Ok<IReadOnlyList<DivisionSummaryResponse>>> GetProvinces(string? asOf,
        IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks();
        var date = checks.Date("asOf", asOf);
        checks.ThrowIfAny();
        var codes = await grains.Get<IDivisionDirectoryGrain>(DirectoryKey).GetProvinceCodesAsync();
        var summaries = await Task.WhenAll(codes.Select(code =>
            grains.Get<IDivisionGrain>(code).GetSummaryAsync(date ?? clock.Today)));
        return TypedResults.Ok<IReadOnlyList<DivisionSummaryResponse>>(summaries
            .Where(s => s.Status == DivisionStatus.InForce)
            .Select(DivisionSummaryResponse.From)
            .ToList());
    }

    public static async Task<Ok<IReadOnlyList<DivisionEventResponse>>> GetChanges(string? from, string? to,
        string? under, IGrainFactory grains)
    {
        var checks = new RequestChecks().Required("from", from).Required("to", to).DivisionCode("under", under);
        var start = checks.Date("from", from);
        var end = checks.Date("to", to);
        if (start > end)
        {
            checks.Fail("to", "period-order", "'to' is on or after 'from'.");
        }

        checks.ThrowIfAny();
        var changes = await grains.Get<IDivisionDirectoryGrain>(DirectoryKey)
            .GetChangesAsync(start!.Value, end!.Value, under);
        return TypedResults.Ok<IReadOnlyList<DivisionEventResponse>>(
            changes.Select(DivisionEventResponse.From).ToList());
    }

    public static async Task<Ok<DivisionResponse>> GetDivision(string code, string? asOf, IGrainFactory grains,
        BureauClock clock)
    {
        var date = ReadQuery(code, asOf, clock);
        var details = await grains.Get<IDivisionGrain>(code).GetAsync(date);
        return TypedResults.Ok(DivisionResponse.From(details));
    }

    public static async Task<Ok<IReadOnlyList<DivisionSummaryResponse>>> GetChildren(string code, string? asOf,
        IGrainFactory grains, BureauClock clock)
    {
        var date = ReadQuery(code, asOf, clock);
        var children = await grains.Get<IDivisionGrain>(code).GetChildrenAsync(date);
        return TypedResults.Ok<IReadOnlyList<DivisionSummaryResponse>>(
            children.Select(DivisionSummaryResponse.From).ToList());
    }

    public static async Task<Ok<IReadOnlyList<DivisionEventResponse>>> GetHistory(string code, IGrainFactory grains)
    {
        new RequestChecks().DivisionCode("code", code).ThrowIfAny();
        var history = await grains.Get<IDivisionGrain>(code).GetHistoryAsync();
        return TypedResults.Ok<IReadOnlyList<DivisionEventResponse>>(
            history.Select(DivisionEventResponse.From).ToList());
    }

    public static Task<Created<DivisionChangeResponse>> Establish(EstablishDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .Required("code", request.Code)
            .DivisionCode("code", request.Code)
            .Required("name", request.Name)
            .Required("level", request.Level)
            .DivisionCode("parent", request.Parent)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        return RecordAsync(grains, request.Code!, new DivisionChange(DivisionChangeKind.Establish,
            request.EffectiveDate!.Value, request.Reason!, request.Code, request.Name, request.Level, request.Parent,
            [], [], []));
    }

    public static Task<Created<DivisionChangeResponse>> Rename(string code, RenameDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .DivisionCode("code", code)
            .Required("name", request.Name)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        return RecordAsync(grains, code, new DivisionChange(DivisionChangeKind.Rename, request.EffectiveDate!.Value,
            request.Reason!, code, request.Name, null, null, [], [], []));
    }

    public static Task<Created<DivisionChangeResponse>> Abolish(string code, AbolishDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .DivisionCode("code", code)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        return RecordAsync(grains, code, new DivisionChange(DivisionChangeKind.Abolish, request.EffectiveDate!.Value,
            request.Reason!, code, null, null, null, [], [], []));
    }

    public static Task<Created<DivisionChangeResponse>> Recode(string code, RecodeDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .DivisionCode("code", code)
            .Required("newCode", request.NewCode)
            .DivisionCode("newCode", request.NewCode)
            .DivisionCode("parent", request.Parent)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        return RecordAsync(grains, request.NewCode!, new DivisionChange(DivisionChangeKind.Recode,
            request.EffectiveDate!.Value, request.Reason!, code, null, null, request.Parent, [],
            [new DivisionPart(request.NewCode!, request.Name)], []));
    }

    public static Task<Created<DivisionChangeResponse>> Merge(string code, MergeDivisionRequest request,
        IGrainFactory grains)
    {
        var checks = new RequestChecks()
            .DivisionCode("code", code)
            .Required("into", request.Into)
            .DivisionCode("into", request.Into)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason);
        if (request.Into == code)
        {
            checks.Fail("into", "merge-target-self", "A division cannot be merged into itself.");
        }

        checks.ThrowIfAny();
        return RecordAsync(grains, request.Into!, new DivisionChange(DivisionChangeKind.Merge,
            request.EffectiveDate!.Value, request.Reason!, null, null, null, null, [code],
            [new DivisionPart(request.Into!, null)], []));
    }

    public static Task<Created<DivisionChangeResponse>> MergeSeveral(MergeDivisionsRequest request,
        IGrainFactory grains)
    {
        var checks = new RequestChecks()
            .Required("sources", request.Sources is { Count: > 0 } ? request.Sources : null)
            .Required("into", request.Into)
            .DivisionCode("into", request.Into)
            .DivisionCode("parent", request.Parent)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason);
        foreach (var source in request.Sources ?? [])
        {
            checks.Required("sources", source).DivisionCode("sources", source);
        }

        if (request.Sources is { } sources && sources.Distinct(StringComparer.Ordinal).Count() != sources.Count)
        {
            checks.Fail("sources", "merge-sources-repeated", "Each merged division is named once.");
        }

        checks.ThrowIfAny();
        return RecordAsync(grains, request.Into!, new DivisionChange(DivisionChangeKind.Merge,
            request.EffectiveDate!.Value, request.Reason!, null, null, null, request.Parent, [.. request.Sources!],
            [new DivisionPart(request.Into!, request.IntoName)], []));
    }

    public static Task<Created<DivisionChangeResponse>> Split(string code, SplitDivisionRequest request,
        IGrainFactory grains)
    {
        var checks = new RequestChecks()
            .DivisionCode("code", code)
            .Required("parts", request.Parts is { Count: > 0 } ? request.Parts : null)
            .DivisionCode("parent", request.Parent)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason);
        foreach (var part in request.Parts ?? [])
        {
            checks.Required("parts.code", part?.Code).DivisionCode("parts.code", part?.Code);
        }

        foreach (var transfer in request.Transfers ?? [])
        {
            checks.Required("transfers.code", transfer?.Code).DivisionCode("transfers.code", transfer?.Code)
                .Required("transfers.to", transfer?.To).DivisionCode("transfers.to", transfer?.To);
        }

        if (request.Transfers is { } transfers &&
            transfers.Select(t => t?.Code).Distinct(StringComparer.Ordinal).Count() != transfers.Count)
        {
            checks.Fail("transfers", "split-transfer-repeated", "Each subdivision is transferred once.");
        }

        checks.ThrowIfAny();
        return RecordAsync(grains, code, new DivisionChange(DivisionChangeKind.Split, request.EffectiveDate!.Value,
            request.Reason!, code, null, null, request.Parent, [],
            request.Parts!.Select(p => new DivisionPart(p.Code!, p.Name)).ToList(),
            (request.Transfers ?? []).Select(t => new DivisionTransfer(t.Code!, t.To!)).ToList()));
    }

    public static Task<Created<DivisionChangeResponse>> Transfer(string code, TransferDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .DivisionCode("code", code)
            .Required("to", request.To)
            .DivisionCode("to", request.To)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        return RecordAsync(grains, code, new DivisionChange(DivisionChangeKind.Transfer, request.EffectiveDate!.Value,
            request.Reason!, code, null, null, request.To, [], [], []));
    }

    private static async Task<Created<DivisionChangeResponse>> RecordAsync(IGrainFactory grains, string location,
        DivisionChange change)
    {
        var result = await grains.Get<IDivisionChangeGrain>(DivisionChangeId.Of(change)).RecordAsync(change);
        return TypedResults.Created($"/api/divisions/{location}/history", DivisionChangeResponse.From(result));
    }

    private const string DirectoryKey = "cn";

    private static DateOnly ReadQuery(string code, string? asOf, BureauClock clock)
    {
        var checks = new RequestChecks().DivisionCode("code", code);
        var date = checks.Date("asOf", asOf);
        checks.ThrowIfAny();
        return date ?? clock.Today;
    }
}
