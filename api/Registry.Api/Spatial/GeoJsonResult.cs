using System.Text.Json;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial;

/// <summary>
/// A 200 answer written as <c>application/geo+json</c> (or another JSON media type) by a writer callback, for
/// GeoJSON Features and FeatureCollections whose geometry NetTopologySuite serializes.
/// </summary>
public sealed class GeoJsonResult(Action<Utf8JsonWriter> write, string contentType = GeoJson.MediaType,
    int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => statusCode;

    public string? ContentType => contentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = contentType;
        await using (var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter,
                         new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        await httpContext.Response.BodyWriter.FlushAsync();
    }
}
