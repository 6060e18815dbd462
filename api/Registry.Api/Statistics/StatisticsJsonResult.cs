using System.Buffers;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Registry.Api.Contracts.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// A 200 whose body is a <see cref="StatisticsResponse"/> already serialized (<see cref="StatisticsAnswer.Json"/>):
/// written as its segments of bytes, with the content type <c>TypedResults.Ok</c> gives JSON (<c>application/json; charset=utf-8</c>)
/// and the same endpoint metadata (a 200 of <see cref="StatisticsResponse"/> as <c>application/json</c>), so the
/// answer and the API description are what they were when the response object was serialized on each request.
/// </summary>
public sealed class StatisticsJsonResult(StatisticsJson.Body body) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult,
    IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    /// <summary>Bytes written to the response before they are flushed to the connection (the pipe does not hold a
    /// whole 13.7 MB answer).</summary>
    private const int FlushEvery = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        var writer = response.BodyWriter;
        var unflushed = 0;
        foreach (var segment in body.Segments)
        {
            writer.Write(segment.Span);
            unflushed += segment.Length;
            if (unflushed >= FlushEvery)
            {
                unflushed = 0;
                if ((await writer.FlushAsync(httpContext.RequestAborted)).IsCanceled)
                {
                    return;
                }
            }
        }

        await writer.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(StatisticsResponse),
            ["application/json"]));
}
