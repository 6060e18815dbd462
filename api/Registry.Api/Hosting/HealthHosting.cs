using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Registry.Api.Hosting;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: a silo is up and storage answers.</summary>
public static class HealthHosting
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddRegistryHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: [ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapRegistryHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false })
            .AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
        }).AllowAnonymous();
        return routes;
    }
}
