namespace Registry.Api.Hosting;

/// <summary>
/// Headers on every answer: no MIME sniffing, no framing (a page that sets its own Content-Security-Policy, such as
/// the map page, keeps it and says <c>frame-ancestors 'none'</c> itself), no referrer sent onward, and <c>Cache-Control: no-store</c>
/// on every answer that is personal or not public (any request with credentials, any endpoint that requires a
/// token), so no shared or browser cache keeps person data. HSTS is added in production by
/// <see cref="ProductionHosting"/>, on HTTPS only.
/// </summary>
public static class ResponseHeaders
{
    public const string NoStore = "no-store";

    public static IApplicationBuilder UseRegistryResponseHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (!headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                }
                headers["Referrer-Policy"] = "no-referrer";
                if (IsPrivate(context))
                {
                    headers.CacheControl = NoStore;
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    private static bool IsPrivate(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count > 0 || context.User.Identity?.IsAuthenticated == true)
        {
            return true;
        }

        var metadata = context.GetEndpoint()?.Metadata;
        return metadata?.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null &&
            metadata?.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null;
    }
}
