using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Marriages;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;

namespace Registry.Api.Endpoints;

/// <summary>
/// Divorce by registration (Civil Code art. 1077): application with a receipt, 30-day cooling-off during which either
/// party may withdraw, then 30 days in which both must appear at the same office to be registered divorced (L
/// certificate), else the application is deemed withdrawn. Only the <c>registrar.marriage</c> role.
/// </summary>
public static class DivorceEndpoints
{
    public static IEndpointRouteBuilder MapDivorceEndpoints(this IEndpointRouteBuilder routes)
    {
        // Grouped on /api for the reason given in MarriageEndpoints: the collection's POST shares tag and policy.
        var group = routes.MapGroup("/api").WithTags("Divorce applications")
            .RequireAuthorization(RegistryPolicies.MarriageRegistrar);

        group.MapPost("/divorce-applications", ApplyForDivorce)
            .RequireOffice(OfficeTargets.AtOffice<DivorceApplicationRequest>(r => r.Office, (r, o) => r with { Office = o }))
            .WithName(nameof(ApplyForDivorce))
            .WithSummary("Receive a divorce application; 201 with the receipt, the cooling-off end and the last day")
            .ProducesChangeProblems();

        group.MapGet("/divorce-applications/{id}", GetDivorceApplication)
            .WithName(nameof(GetDivorceApplication))
            .WithSummary("A divorce application and where it stands today")
            .ProducesChangeProblems();

        group.MapPost("/divorce-applications/{id}/withdrawal", WithdrawDivorceApplication)
            .RequireOffice(OfficeTargets.DivorceApplication)
            .WithName(nameof(WithdrawDivorceApplication))
            .WithSummary("Withdraw the application at one party's request, during cooling-off only")
            .ProducesChangeProblems();

        group.MapPost("/divorce-applications/{id}/registration", RegisterDivorce)
            .RequireOffice(OfficeTargets.AtOffice<DivorceRegistrationRequest>(r => r.Office, (r, o) => r with { Office = o }))
            .WithName(nameof(RegisterDivorce))
            .WithSummary("Register the divorce inside the window, at the receiving office; 201 with the L certificate")
            .ProducesChangeProblems();

        return routes;
    }

    public static async Task<Created<DivorceApplicationResponse>> ApplyForDivorce(DivorceApplicationRequest request,
        IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks()
            .MarriageId("marriageId", request.MarriageId)
            .Office("office", request.Office)
            .Required("agreement", request.Agreement)
            .Required("agreementStates", request.AgreementStates)
            .Required("parties", request.Parties);
        var parties = new List<DivorceApplicant>();
        foreach (var (party, field) in Entries(request.Parties, checks))
        {
            if (PartyKey(checks, field, party.DocumentType, party.IdNumber, party.Country, clock.Today) is { } key)
            {
                parties.Add(new DivorceApplicant(key, party.AppearedInPerson == true, party.SignedAgreement == true,
                    new DivorceDeclarations(party.Declarations?.Voluntary == true,
                        party.Declarations?.Truthful == true)));
            }
        }

        checks.ThrowIfAny();
        var states = request.AgreementStates;
        var contents = new DivorceAgreementContents(states?.WishToDivorce == true, states?.Children == true,
            states?.Property == true, states?.Debts == true);
        var receipt = await grains.Get<IMarriageGrain>(request.MarriageId!)
            .ApplyForDivorceAsync(new ApplyForDivorce(request.Office!, request.Agreement!, parties, contents));
        return TypedResults.Created($"/api/divorce-applications/{receipt.ApplicationId}",
            DivorceApplicationResponse.From(receipt));
    }

    public static async Task<Ok<DivorceApplicationResponse>> GetDivorceApplication(string id, IGrainFactory grains)
    {
        var checks = new RequestChecks();
        var (marriageId, sequence) = checks.DivorceApplication(id);
        checks.ThrowIfAny();
        var application = await grains.Get<IMarriageGrain>(marriageId).GetDivorceApplicationAsync(sequence);
        return TypedResults.Ok(DivorceApplicationResponse.From(application));
    }

    public static async Task<Ok<DivorceApplicationResponse>> WithdrawDivorceApplication(string id,
        WithdrawalRequest request, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks();
        var (marriageId, sequence) = checks.DivorceApplication(id);
        checks.Required("party", request.Party);
        var party = checks.DocumentKey("party", request.Party, clock.Today);
        checks.ThrowIfAny();
        var application = await grains.Get<IMarriageGrain>(marriageId).WithdrawDivorceApplicationAsync(sequence,
            new WithdrawDivorceApplication(party!, request.Reason));
        return TypedResults.Ok(DivorceApplicationResponse.From(application));
    }

    public static async Task<Created<DivorceRegistrationResponse>> RegisterDivorce(string id,
        DivorceRegistrationRequest request, IGrainFactory grains, BureauClock clock)
    {
        var checks = new RequestChecks();
        var (marriageId, sequence) = checks.DivorceApplication(id);
        checks.Office("office", request.Office).Required("parties", request.Parties);
        var parties = new List<DivorceAppearance>();
        foreach (var (party, field) in Entries(request.Parties, checks))
        {
            if (PartyKey(checks, field, party.DocumentType, party.IdNumber, party.Country, clock.Today) is { } key)
            {
                parties.Add(new DivorceAppearance(key, party.AppearedInPerson == true, party.ConfirmsDivorce == true));
            }
        }

        checks.ThrowIfAny();
        var divorce = await grains.Get<IMarriageGrain>(marriageId)
            .RegisterDivorceAsync(sequence, new RegisterDivorce(request.Office!, parties));
        return TypedResults.Created($"/api/marriages/{marriageId}", DivorceRegistrationResponse.From(divorce));
    }

    /// <summary>The entries of a per-party list with their field names; an absent list or a null entry is a 400. A
    /// list lacking a party is the aggregate's to refuse (422 <c>divorce-party-missing</c>), naming the party.</summary>
    private static IEnumerable<(T Entry, string Field)> Entries<T>(IReadOnlyList<T?>? entries, RequestChecks checks)
        where T : class
    {
        for (var i = 0; i < (entries?.Count ?? 0); i++)
        {
            var field = $"parties[{i}]";
            if (entries![i] is { } entry)
            {
                yield return (entry, field);
            }
            else
            {
                checks.Required(field, null);
            }
        }
    }

    /// <summary>The key of the document a party presented; null (with the failure recorded) when it is absent or
    /// malformed.</summary>
    private static string? PartyKey(RequestChecks checks, string field, Abstractions.Persons.IdentityDocumentType? type,
        string? number, string? country, DateOnly today)
    {
        checks.Required(field + ".idNumber", number);
        return checks.Document(field + ".idNumber", type, number, country, today, field + ".country");
    }
}
