using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Registry.Abstractions.Errors;

namespace Registry.Api.Statistics;

/// <summary>
/// The statistics page for bureau staff at <c>/statistics</c>: a static page (<c>Statistics/Assets</c>) embedded in
/// this assembly that reads <c>GET /api/statistics</c> with a token the user pastes and draws a year's figures month
/// by month as plain SVG (no chart library, nothing from another origin). The page holds no data and is public.
/// </summary>
public static class StatisticsPage
{
    public const string Route = "/statistics";

    private const string ResourcePrefix = "statistics/";
    private const string IndexFile = "index.html";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(LoadAssets);

    public static IEndpointRouteBuilder MapStatisticsPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Route, () => Serve(IndexFile))
            .WithName("StatisticsPage").AllowAnonymous().ExcludeFromDescription();
        routes.MapGet(Route + "/{file}", (string file) => Serve(file))
            .WithName("StatisticsPageAsset").AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static IResult Serve(string file) =>
        Assets.Value.TryGetValue(file, out var asset)
            ? TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag)
            : throw DomainException.NotFound("statistics-file-not-found", $"The statistics page has no file '{file}'.");

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(StatisticsPage).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            var file = name[ResourcePrefix.Length..];
            var type = types.TryGetContentType(file, out var known) ? known : "application/octet-stream";
            assets[file] = new Asset(content, type.StartsWith("text/", StringComparison.Ordinal) ||
                type.EndsWith("javascript", StringComparison.Ordinal) ? type + "; charset=utf-8" : type,
                new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\""));
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
