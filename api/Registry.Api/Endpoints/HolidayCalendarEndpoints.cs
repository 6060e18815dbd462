using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Abstractions.Calendars;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Api.Contracts.Calendars;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;

namespace Registry.Api.Endpoints;

/// <summary>
/// Holiday calendars as data: an administrator loads each year's calendar when the State Council publishes its
/// notice; divorce deadlines falling in a year without one are provisional and recomputed (only ever later) when it
/// is loaded. Reads for administrators and marriage registrars.
/// </summary>
public static class HolidayCalendarEndpoints
{
    public static IEndpointRouteBuilder MapHolidayCalendarEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/holiday-calendars").WithTags("Holiday calendars")
            .RequireAuthorization(policy => policy.RequireAuthenticatedUser()
                .RequireRole(RegistryPolicies.Admin, RegistryPolicies.MarriageRegistrar));

        // National data set by the State Council, like the division editions: administrators only, for no office.
        group.MapPost("", LoadHolidayCalendar)
            .RequireAuthorization(RegistryPolicies.Admin)
            .WithName(nameof(LoadHolidayCalendar))
            .WithSummary("Load a year's holiday calendar; 201 with a new version, 200 when the same was loaded")
            .ProducesChangeProblems();

        group.MapGet("", GetHolidayCalendars)
            .WithName(nameof(GetHolidayCalendars))
            .WithSummary("The loaded holiday calendars, the version in force of each year")
            .ProducesReadProblems();

        group.MapGet("/{year}", GetHolidayCalendar)
            .WithName(nameof(GetHolidayCalendar))
            .WithSummary("Every version of a year's holiday calendar")
            .ProducesReadProblems();

        return routes;
    }

    public static async Task<Results<Created<HolidayCalendarLoadResponse>, Ok<HolidayCalendarLoadResponse>>>
        LoadHolidayCalendar(LoadHolidayCalendarRequest request, IGrainFactory grains)
    {
        new RequestChecks()
            .Required("year", request.Year)
            .Required("reference", request.Reference)
            .Required("holidays", request.Holidays)
            .ThrowIfAny();
        var load = await grains.Get<IHolidayCalendarGrain>(request.Year!.Value).LoadAsync(new LoadHolidayCalendar(
            request.Year.Value, request.Reference!, request.Holidays!, request.WorkingDays ?? []));
        var response = HolidayCalendarLoadResponse.From(load);
        return load.Created
            ? TypedResults.Created($"/api/holiday-calendars/{load.Calendar.Year}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Ok<HolidayCalendarsResponse>> GetHolidayCalendars(IGrainFactory grains)
    {
        var years = await grains.Get<IHolidayCalendarDirectoryGrain>(0).ListAsync();
        return TypedResults.Ok(new HolidayCalendarsResponse(years.Select(HolidayCalendarResponse.From).ToList()));
    }

    public static async Task<Ok<HolidayCalendarHistoryResponse>> GetHolidayCalendar(string year, IGrainFactory grains)
    {
        if (!int.TryParse(year, System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1000 or > 9999)
        {
            throw DomainException.Invalid("calendar-year", "year", "A year is 4 digits, e.g. 2027.");
        }

        var versions = await grains.Get<IHolidayCalendarGrain>(number).GetHistoryAsync();
        if (versions.Count == 0)
        {
            throw DomainException.NotFound("holiday-calendar-not-found", $"No holiday calendar of {number} is loaded.");
        }

        return TypedResults.Ok(new HolidayCalendarHistoryResponse(number,
            versions.Select(HolidayCalendarResponse.From).ToList()));
    }
}
