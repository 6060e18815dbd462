using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Divisions;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;

namespace Registry.Api.Endpoints;

/// <summary>The administrative-division reference registry: public reads, admin changes with effective dates.</summary>
public static class DivisionEndpoints
{
    public static IEndpointRouteBuilder MapDivisionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/divisions").WithTags("Divisions");

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
            .WithSummary("Every recorded change of a division, oldest first")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{code}/renames", Rename)
            .WithName(nameof(Rename))
            .WithSummary("Rename a division from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/merges", Merge)
            .WithName(nameof(Merge))
            .WithSummary("Merge a division into another of the same level from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        group.MapPost("/{code}/abolitions", Abolish)
            .WithName(nameof(Abolish))
            .WithSummary("Abolish a division (it must have no subdivisions left) from an effective date on")
            .RequireAuthorization(RegistryPolicies.Admin)
            .ProducesChangeProblems();

        return routes;
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

    public static async Task<Created<DivisionEventResponse>> Rename(string code, RenameDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .DivisionCode("code", code)
            .Required("name", request.Name)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        var recorded = await grains.Get<IDivisionGrain>(code)
            .RenameAsync(new RenameDivision(request.Name!, request.EffectiveDate!.Value, request.Reason!));
        return CreatedIn(code, recorded);
    }

    public static async Task<Created<DivisionEventResponse>> Merge(string code, MergeDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .DivisionCode("code", code)
            .Required("into", request.Into)
            .DivisionCode("into", request.Into)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        var recorded = await grains.Get<IDivisionGrain>(code)
            .MergeIntoAsync(new MergeDivision(request.Into!, request.EffectiveDate!.Value, request.Reason!));
        return CreatedIn(code, recorded);
    }

    public static async Task<Created<DivisionEventResponse>> Abolish(string code, AbolishDivisionRequest request,
        IGrainFactory grains)
    {
        new RequestChecks()
            .DivisionCode("code", code)
            .Required("effectiveDate", request.EffectiveDate)
            .Required("reason", request.Reason)
            .ThrowIfAny();
        var recorded = await grains.Get<IDivisionGrain>(code)
            .AbolishAsync(new AbolishDivision(request.EffectiveDate!.Value, request.Reason!));
        return CreatedIn(code, recorded);
    }

    private static DateOnly ReadQuery(string code, string? asOf, BureauClock clock)
    {
        var checks = new RequestChecks().DivisionCode("code", code);
        var date = checks.Date("asOf", asOf);
        checks.ThrowIfAny();
        return date ?? clock.Today;
    }

    private static Created<DivisionEventResponse> CreatedIn(string code, DivisionEvent recorded) =>
        TypedResults.Created($"/api/divisions/{code}/history", DivisionEventResponse.From(recorded));
}
