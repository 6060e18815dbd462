using Microsoft.AspNetCore.Mvc;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Registry.Api.ErrorHandling;

/// <summary>
/// The last problem writer: answers problem+json even when the request's <c>Accept</c> header admits no JSON
/// (<c>text/plain</c>, <c>application/xml</c>...). The framework's writer declines those, which left an error
/// unwritten and turned a 404 into a 500. An error is only ever written as problem+json, which RFC 9110 (12.5.1)
/// allows a server to send whatever the client prefers, and which is more useful to it than a 406.
/// </summary>
public sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problemOptions,
    IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public const string MediaType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        var options = jsonOptions.Value.SerializerOptions;
        return new ValueTask(response.WriteAsJsonAsync(problem, options.GetTypeInfo(problem.GetType()), MediaType,
            context.HttpContext.RequestAborted));
    }
}
