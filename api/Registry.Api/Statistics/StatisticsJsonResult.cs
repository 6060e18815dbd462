using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Registry.Api.Contracts.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// A 200 whose body is a <see cref="StatisticsResponse"/> already serialized (<see cref="StatisticsAnswer.Json"/>):
/// written as bytes, with the content type <c>TypedResults.Ok</c> gives JSON (<c>application/json; charset=utf-8</c>)
/// and the same endpoint metadata (a 200 of <see cref="StatisticsResponse"/> as <c>application/json</c>), so the
/// answer and the API description are what they were when the response object was serialized on each request.
/// </summary>
public sealed class StatisticsJsonResult(byte[] body) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult,
    IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(StatisticsResponse),
            ["application/json"]));
}
