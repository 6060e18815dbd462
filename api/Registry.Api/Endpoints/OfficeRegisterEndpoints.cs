using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Time;
using Registry.Api.Contracts.Marriages;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;

namespace Registry.Api.Endpoints;

/// <summary>
/// An office's marriage register for a day and the divorce applications due to appear, from the office-day read model
/// (one partition per office and day). A marriage registrar reads their own office's; <c>admin</c> any office's.
/// </summary>
public static class OfficeRegisterEndpoints
{
    public static IEndpointRouteBuilder MapOfficeRegisterEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/marriage-offices").WithTags("Marriages")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireRole(RegistryPolicies.Admin, RegistryPolicies.MarriageRegistrar));

        group.MapGet("/{office}/register", GetOfficeRegister)
            .WithName(nameof(GetOfficeRegister))
            .WithSummary("An office's register for a day: registrations, divorce registrations, archive entries and " +
                "certificate replacements")
            .ProducesReadProblems();

        group.MapGet("/{office}/due-divorce-applications", GetDueDivorceApplications)
            .WithName(nameof(GetDueDivorceApplications))
            .WithSummary("The divorce applications of an office whose parties are due to appear on a date, with " +
                "their deadlines")
            .ProducesReadProblems();

        return routes;
    }

    public static async Task<Ok<OfficeRegisterResponse>> GetOfficeRegister(string office, string? date,
        ClaimsPrincipal user, IGrainFactory grains, BureauClock clock)
    {
        var day = Checked(office, date, user, clock);
        var partitions = await Task.WhenAll(OfficeDayEntry.PartitionKeysOf(office, day)
            .Select(key => grains.Get<IOfficeRegisterGrain>(key).GetEntriesAsync()));
        return TypedResults.Ok(new OfficeRegisterResponse(office, day, partitions
            .SelectMany(entries => entries)
            .Where(e => e.Kind != OfficeDayEntryKind.DivorceApplicationDue)
            .OrderBy(e => e.Kind).ThenBy(e => e.Reference, StringComparer.Ordinal)
            .Select(OfficeRegisterEntryResponse.From)
            .ToList()));
    }

    public static async Task<Ok<DueApplicationsResponse>> GetDueDivorceApplications(string office, string? date,
        ClaimsPrincipal user, IGrainFactory grains, BureauClock clock)
    {
        var day = Checked(office, date, user, clock);
        var partitions = await Task.WhenAll(OfficeDayEntry.DuePartitionKeys(office, day)
            .Select(key => grains.Get<IOfficeRegisterGrain>(key).GetEntriesAsync()));
        return TypedResults.Ok(new DueApplicationsResponse(office, day, partitions
            .SelectMany(entries => entries)
            .Where(e => e.IsDueOn(day))
            .OrderBy(e => e.LastDayToAppear).ThenBy(e => e.Reference, StringComparer.Ordinal)
            .Select(DueApplicationResponse.From)
            .ToList()));
    }

    /// <summary>The day asked (default today), after the office's format and the caller's right to it: a
    /// registrar reads their own office only.</summary>
    private static DateOnly Checked(string office, string? date, ClaimsPrincipal user, BureauClock clock)
    {
        var checks = new RequestChecks().Office("office", office);
        var day = checks.Date("date", date) ?? clock.Today;
        checks.ThrowIfAny();
        if (!user.IsInRole(RegistryPolicies.Admin))
        {
            OfficeJurisdiction.RequireAt(OfficeJurisdiction.OfficeOf(user), office);
        }

        return day;
    }
}
