namespace Registry.Api.Spatial;

/// <summary>
/// Answers <c>GET /api/spatial/divisions</c> at the front of the pipeline, right after the exception handler (so its
/// errors are the usual problem+json). The question is public and read-only: authentication, authorization, the
/// Swagger middleware and endpoint routing would only add cost to the service's busiest call. The same handler is
/// also mapped as an ordinary endpoint, which the OpenAPI document describes.
/// </summary>
public static class SpatialHotPath
{
    public const string Path = "/api/spatial/divisions";

    public static IApplicationBuilder UseSpatialHotPath(this IApplicationBuilder app)
    {
        var endpoint = app.ApplicationServices.GetRequiredService<PointQueryEndpoint>();
        return app.Use(next => context =>
            HttpMethods.IsGet(context.Request.Method) &&
            context.Request.Path.Value is { } path && path.Equals(Path, StringComparison.Ordinal)
                ? endpoint.HandleRawAsync(context)
                : next(context));
    }
}
