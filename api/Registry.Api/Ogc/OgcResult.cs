using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Registry.Api.Ogc;

/// <summary>
/// A 200 answer of <c>/ogc</c>, rendered before it is sent so it carries its Content-Length, and (for geometry in a
/// CRS) its <c>Content-Crs</c> header. A HEAD request gets the same status and headers without the body.
/// </summary>
public sealed class OgcResult(string contentType, byte[] body, string? contentCrs = null)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string HtmlType = "text/html; charset=utf-8";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int? StatusCode => StatusCodes.Status200OK;

    public string? ContentType => contentType;

    public static OgcResult Json(Action<Utf8JsonWriter> write, string contentType, string? contentCrs = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return new OgcResult(contentType, buffer.WrittenSpan.ToArray(), contentCrs);
    }

    public static OgcResult Html(string html, string? contentCrs = null) =>
        new(HtmlType, Encoding.UTF8.GetBytes(html), contentCrs);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (contentCrs is not null)
        {
            response.Headers["Content-Crs"] = $"<{contentCrs}>";
        }

        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }
}
