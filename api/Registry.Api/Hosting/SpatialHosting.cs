using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Abstractions.Spatial;
using Registry.Api.Spatial;
using Registry.Api.Spatial.Import;

namespace Registry.Api.Hosting;

/// <summary>
/// Services of the boundaries and spatial feature: the one geometry factory, the read-side spatial cache, division
/// facts for spatial answers, the importer, and the policy for reading markers and inspections.
/// </summary>
public static class SpatialHosting
{
    /// <summary>Reading markers, inspections and import reports: GIS staff and boundary registrars.</summary>
    public const string BoundaryReaders = "boundaries.read";

    public static bool MayReadMarkers(ClaimsPrincipal user) =>
        user.IsInRole(RegistryPolicies.Gis) || user.IsInRole(RegistryPolicies.BoundaryRegistrar);

    public static WebApplicationBuilder AddRegistrySpatial(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(Wgs84.Services);
        services.TryAddSingleton(Wgs84.Factory);
        services.AddSingleton<SpatialReadCache>();
        services.AddHostedService(sp => sp.GetRequiredService<SpatialReadCache>());
        services.AddSingleton<DivisionChangeSignal>();
        services.AddSingleton<IOutgoingGrainCallFilter, DivisionChangeWatcher>();
        services.AddSingleton<DivisionFactsCache>();
        services.AddSingleton<DivisionLocator>();
        services.AddSingleton<PointQueryEndpoint>();
        services.AddSingleton<SpatialQueries>();
        services.AddSingleton<ImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportRunner>());
        services.AddAuthorizationBuilder().AddPolicy(BoundaryReaders, policy => policy
            .RequireAuthenticatedUser()
            .RequireRole(RegistryPolicies.Gis, RegistryPolicies.BoundaryRegistrar));
        return builder;
    }
}
