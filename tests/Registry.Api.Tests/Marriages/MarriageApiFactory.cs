using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Registry.Abstractions.Time;
using Registry.Grains.Marriages;
using Registry.Storage.Tests.Servers;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// The real API with its embedded silo for the marriage registry's tests, configured like
/// <see cref="RegistryApiFactory"/> and with the configuration as shipped (appsettings.json, including the 2026
/// holiday calendar). Only the bureau's clock is fake: Orleans keeps the system clock, so moving the calendar months
/// ahead costs nothing and fires no runtime timers.
/// </summary>
/// <param name="shippedCalendar">False: the shipped calendar is not seeded (a deployment before any year was
/// loaded), for the tests that load it through the API.</param>
public sealed class MarriageApiFactory(string dataDirectory, DateTimeOffset start, bool shippedCalendar = true)
    : WebApplicationFactory<Program>
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public FakeTimeProvider Time { get; } = new(start);

    /// <summary>Today in the bureau's zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Time.GetUtcNow(), Beijing).DateTime);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Registry:DataDirectory", dataDirectory);
        builder.UseSetting("Registry:Seed:PlaceNames", "false"); // the service's first-start seed; no test here reads it
        builder.UseSetting("Registry:Clustering:SiloPort", LocalPorts.Free().ToString());
        builder.UseSetting("Registry:Clustering:GatewayPort", "0");
        foreach (var (key, value) in RegistryApiFactory.BearerSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new BureauClock(Time, Beijing));
            if (!shippedCalendar)
            {
                services.PostConfigure<HolidayCalendarOptions>(calendar =>
                {
                    calendar.Holidays = [];
                    calendar.WorkingDays = [];
                });
            }
        });
    }

    /// <summary>A client whose requests carry a token for <paramref name="user"/> with the given roles (none:
    /// anonymous).</summary>
    public HttpClient ClientAs(string user, params string[] roles)
    {
        var client = CreateClient();
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", RegistryApiFactory.Token(roles, user));
        }

        return client;
    }

    /// <summary>A client whose requests carry <paramref name="token"/>.</summary>
    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client for a marriage registrar of <paramref name="office"/> (claim <c>office</c>).</summary>
    public HttpClient RegistrarAt(string office)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            RegistryApiFactory.Token(["registrar.marriage"], "registrar-1", office: office));
        return client;
    }

    /// <summary>Moves the bureau's calendar forward to 10:00 on <paramref name="day"/>.</summary>
    public void MoveTo(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        Assert.True(target >= Time.GetUtcNow(), $"The calendar is already past {day:yyyy-MM-dd}.");
        Time.SetUtcNow(target);
    }
}
