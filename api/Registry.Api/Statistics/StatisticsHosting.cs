using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Api.Hosting;
using Registry.Api.Spatial;

namespace Registry.Api.Statistics;

/// <summary>The statistics' services and their reading policy.</summary>
public static class StatisticsHosting
{
    /// <summary>Reading statistics: <c>admin</c> and every domain's registrars (each their own domain).</summary>
    public const string StatisticsReaders = "statistics.read";

    public static WebApplicationBuilder AddRegistryStatistics(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<DivisionChangeSignal>();
        builder.Services.AddSingleton<DivisionLineageCache>();
        builder.Services.AddSingleton<StatisticsReportCache>();
        builder.Services.AddSingleton<StatisticsQuery>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(StatisticsReaders, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole([RegistryPolicies.Admin, .. OfficeJurisdiction.RegistrarRoles]));
        return builder;
    }
}
