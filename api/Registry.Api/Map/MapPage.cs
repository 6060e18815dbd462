using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Registry.Abstractions.Errors;

namespace Registry.Api.Map;

/// <summary>
/// The map page for GIS staff at <c>/map</c>: a static page (<c>Map/Assets</c>) and the Leaflet build it draws with
/// (<c>Map/Assets/vendor/leaflet</c>, see its VENDORED.md), embedded in this assembly so that every way of running the
/// API serves the same files and nothing is fetched from another origin. The page reads the public API and, with a
/// token the user pastes, the GIS-only resources; it is public itself (it holds no data). Its answers carry their own
/// Content-Security-Policy: scripts, styles, images and requests from this origin only.
/// </summary>
public static class MapPage
{
    public const string Route = "/map";

    /// <summary>Leaflet needs no inline script or style, no workers and no eval; images are its own PNGs (and data:
    /// URLs its CSS uses for cursors).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "map/";
    private const string IndexFile = "index.html";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(LoadAssets);

    public static IEndpointRouteBuilder MapRegistryMapPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, (HttpContext context) => Serve(context, IndexFile))
            .WithName("MapPage").AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(Route + "/{**file}", (HttpContext context, string file) => Serve(context, file))
            .WithName("MapPageAsset").AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!Assets.Value.TryGetValue(file, out var asset))
        {
            throw DomainException.NotFound("map-file-not-found", $"The map page has no file '{file}'.");
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // Revalidated on each use (the ETag answers 304), so a new build's page is never mixed with an old script.
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(MapPage).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[ResourcePrefix.Length..].Replace('\\', '/');
            var type = types.TryGetContentType(file, out var known) ? known : "text/plain";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal))
            {
                type += "; charset=utf-8";
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..32];
            assets[file] = new Asset(content, type, new EntityTagHeaderValue($"\"{hash}\""));
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
