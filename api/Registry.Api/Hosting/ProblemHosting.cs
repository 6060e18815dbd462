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
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }
}
