using Registry.Api.ErrorHandling;

namespace Registry.Api.Hosting;

/// <summary>RFC 9457 problem+json for every error, including the bodiless 401/403/404 the framework produces.</summary>
public static class ProblemHosting
{
    public static WebApplicationBuilder AddRegistryProblems(this WebApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<RegistryExceptionHandler>();
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            ProblemText.MakeWritable(problem);
            problem.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            if (problem.Extensions.ContainsKey("rule"))
            {
                return;
            }

            var (rule, detail) = problem.Status switch
            {
                StatusCodes.Status401Unauthorized => ("authentication-required",
                    "This operation needs a valid bearer token."),
                StatusCodes.Status403Forbidden => ("role-required",
                    "Your token does not carry a role allowed to do this."),
                StatusCodes.Status404NotFound => ("resource-not-found", "No such resource."),
                StatusCodes.Status405MethodNotAllowed => ("method-not-allowed",
                    "This resource does not accept that method."),
                StatusCodes.Status415UnsupportedMediaType => ("unsupported-media-type",
                    "Send the body as application/json."),
                StatusCodes.Status400BadRequest => ("bad-request",
                    "The request is not well-formed HTTP (request line, headers or framing)."),
                StatusCodes.Status406NotAcceptable => ("not-acceptable",
                    "This resource is only served in the media types its operation lists."),
                StatusCodes.Status411LengthRequired => ("length-required", "A request with a body needs its length."),
                StatusCodes.Status413PayloadTooLarge => ("body-too-large", "The request body is too large."),
                StatusCodes.Status414UriTooLong => ("uri-too-long", "The request's path and query are too long."),
                StatusCodes.Status431RequestHeaderFieldsTooLarge => ("headers-too-large",
                    "The request's headers are too large."),
                _ => ((string?)null, (string?)null),
            };
            if (rule is not null)
            {
                problem.Type = ProblemTypes.For(rule);
                problem.Detail ??= detail;
                problem.Extensions["rule"] = rule;
            }
        });
        // Malformed bodies surface as BadHttpRequestException so the exception handler can name the bad field.
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
