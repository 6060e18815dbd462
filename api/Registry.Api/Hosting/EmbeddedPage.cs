using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Registry.Abstractions.Errors;

namespace Registry.Api.Hosting;

/// <summary>
/// A static page and its files embedded in this assembly under one resource prefix, served at one route: every way
/// of running the API serves the same files and nothing is fetched from another origin. Each answer carries the
/// page's Content-Security-Policy (scripts, styles, images and requests from this origin only) and is revalidated on
/// each use (its ETag answers 304), so a new build's page is never mixed with an old script. Pages hold no data and
/// are public; the data they show comes from the API with the token the user pastes.
/// </summary>
public sealed class EmbeddedPage(string route, string resourcePrefix, string notFoundRule, string description)
{
    /// <summary>No inline script or style, no workers and no eval; images from this origin (and the data: URLs some
    /// stylesheets use for cursors).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string IndexFile = "index.html";

    private readonly Lazy<FrozenDictionary<string, Asset>> assets = new(() => Load(resourcePrefix));

    public string Route => route;

    /// <summary>Maps the page at its route and its files below it; <paramref name="endpointName"/> names both.</summary>
    public IEndpointRouteBuilder Map(IEndpointRouteBuilder routes, string endpointName)
    {
        routes.MapGet(route, (HttpContext context) => Serve(context, IndexFile))
            .WithName(endpointName).AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(route + "/{**file}", (HttpContext context, string file) => Serve(context, file))
            .WithName(endpointName + "Asset").AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private IResult Serve(HttpContext context, string file)
    {
        if (!assets.Value.TryGetValue(file, out var asset))
        {
            throw DomainException.NotFound(notFoundRule, $"The {description} has no file '{file}'.");
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static FrozenDictionary<string, Asset> Load(string prefix)
    {
        var assembly = typeof(EmbeddedPage).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var found = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[prefix.Length..].Replace('\\', '/');
            var type = types.TryGetContentType(file, out var known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal))
            {
                type += "; charset=utf-8";
            }

            var hash = Convert.ToHexStringLower(SHA256.HashData(content))[..32];
            found[file] = new Asset(content, type, new EntityTagHeaderValue($"\"{hash}\""));
        }

        return found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
