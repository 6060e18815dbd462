using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Api.Endpoints;
using Registry.Api.ErrorHandling;
using Registry.Api.Map;
using Registry.Api.Spatial;
using Registry.Api.Statistics;
using Registry.Api.Text;

namespace Registry.Api.Hosting;

/// <summary>The API's composition: services in <see cref="AddRegistryApi"/>, pipeline and routes in
/// <see cref="UseRegistryApi"/>.</summary>
public static class RegistryApi
{
    public static WebApplicationBuilder AddRegistryApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        return builder
            .AddRegistryOrleans()
            .AddRegistrySecurity()
            .AddRegistryProblems()
            .AddRegistryHealth()
            .AddRegistrySwagger()
            .AddRegistrySpatial()
            .AddRegistryProduction()
            .AddRegistryTelemetry()
            .AddRegistryTextPolicy()
            .AddRegistryStatistics()
            .AddRegistryOrganizations()
            .AddRegistryPlaceNames();
    }

    public static WebApplication UseRegistryApi(this WebApplication app)
    {
        app.UseRegistryProduction();
        app.UseRegistryResponseHeaders();
        app.UseExceptionHandler();
        app.UseQueryValueChecks();
        app.UseSpatialHotPath();
        app.UseStatusCodePages();
        if (app.SwaggerEnabled())
        {
            // Only requests under /swagger pass through Swagger's middleware: it asks the container for the document
            // provider on every request it sees, and the first ask builds the operation filters and their examples
            // (some 0.25 CPU-s, paid after a start by the first request, a health check or a search among them).
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/swagger"), swagger =>
            {
                swagger.UseSwagger();
                swagger.UseSwaggerUI();
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRegistryActor();
        app.UseRouteValueChecks();
        app.UseTypedQueryChecks();
        app.MapRegistryHealth();
        app.MapRegistryTelemetry();
        app.MapDivisionEndpoints();
        app.MapBoundaryEndpoints();
        app.MapSpatialEndpoints();
        app.MapOgcEndpoints();
        app.MapMarriageRegistryEndpoints();
        app.MapOrganizationEndpoints();
        app.MapPlaceNameEndpoints();
        app.MapRegistryMapPage();
        app.MapStatisticsEndpoints();
        app.MapStatisticsPage();
        return app;
    }
}
