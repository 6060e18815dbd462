using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Registry.Abstractions.Errors;
using Registry.Api.Text;

namespace Registry.Api.ErrorHandling;

/// <summary>
/// Maps every exception to an RFC 9457 problem: domain refusals to 400/403/404/409/422 naming the rule, malformed
/// requests to 400, an unreachable cluster to 503. Anything else is a 500 that is logged, never a stack trace.
/// </summary>
public sealed class RegistryExceptionHandler(IProblemDetailsService problems, ILogger<RegistryExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception,
        CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RequestValidationException e => Validation(e.Rule, e.Errors),
            DomainException { Kind: DomainErrorKind.Invalid } e =>
                Validation(e.Rule, new Dictionary<string, string[]> { [e.Field ?? "request"] = [e.Message] }),
            DomainException e => Problem(StatusOf(e.Kind), e.Rule, e.Message),
            BadHttpRequestException e => FromBadRequest(e),
            _ when IsStorageUnavailable(exception) => Problem(StatusCodes.Status503ServiceUnavailable, "storage-unavailable",
                "The registry cannot store anything at the moment; nothing of this request was stored. Retry later."),
            InconsistentStateException => Problem(StatusCodes.Status409Conflict, "concurrent-update",
                "The record was changed by another request at the same moment; read it again and retry."),
            _ when IsClusterUnavailable(exception) || IsCancelledByTheCluster(exception, context) => Problem(StatusCodes.Status503ServiceUnavailable,
                "cluster-unavailable", "The registry cluster did not answer in time; retry shortly."),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error for {Method} {Path}", context.Request.Method,
                context.Request.Path);
            problem = Problem(StatusCodes.Status500InternalServerError, "internal-error",
                "The registry failed to handle this request; it has been logged.");
        }
        else if (problem.Status >= 500)
        {
            logger.LogWarning(exception, "Unavailable ({Rule}) for {Method} {Path}", problem.Extensions["rule"], context.Request.Method,
                context.Request.Path);
        }

        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }

    /// <summary>A full disk or a restarting database is not fixed in a second; a client retrying sooner only adds load.</summary>
    private const string RetryAfterSeconds = "30";

    /// <summary>Whether storage could not take or give the request's data (a full disk, a restarting database).</summary>
    private static bool IsStorageUnavailable(Exception exception) =>
        Within(exception, e => e is StorageUnavailableException);

    /// <summary>Whether the cluster, not the request, failed: a silo gone or too busy, a call timed out.</summary>
    private static bool IsClusterUnavailable(Exception exception) =>
        Within(exception, e => e is SiloUnavailableException or OrleansMessageRejectionException
            or ConnectionFailedException or GatewayTooBusyException or ClientNotAvailableException or TimeoutException);

    /// <summary>
    /// Whether a call was cancelled while the client still waits: the runtime cancels a grain's activation that
    /// outlasts its timeout on a busy host (the caller gets <see cref="OperationCanceledException"/>), which is the
    /// cluster not answering in time, not a defect. A request the client itself aborted is not answered at all.
    /// </summary>
    private static bool IsCancelledByTheCluster(Exception exception, HttpContext context) =>
        !context.RequestAborted.IsCancellationRequested && Within(exception, e => e is OperationCanceledException);

    /// <summary>
    /// Whether <paramref name="exception"/> or one it wraps passes <paramref name="test"/>: Orleans wraps a storage
    /// provider's exception in its own ("Error from storage provider ..."), and a fan-out's failure may arrive as an
    /// aggregate of its calls' exceptions.
    /// </summary>
    private static bool Within(Exception? exception, Func<Exception, bool> test)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (test(e) || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(inner => Within(inner, test))))
            {
                return true;
            }
        }

        return false;
    }

    private static int StatusOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.RuleViolation => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status400BadRequest,
    };

    private static ProblemDetails FromBadRequest(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json)
        {
            var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            if (json is TextPolicyException text)
            {
                return Validation(text.Rule, new Dictionary<string, string[]> { [path] = [text.Message] });
            }

            if (StrictBodies.Refusal(json) is { } refusal)
            {
                return Validation(refusal.Rule, new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] });
            }

            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            return Validation("malformed-json", new Dictionary<string, string[]>
            {
                [field] = [json.Path is null or "$"
                    ? "The body is not well-formed JSON."
                    : $"'{field}' has a value of the wrong type or format."],
            });
        }

        // The framework's own messages speak to the API's developers ("Implicit body inferred..."), not to clients.
        return e.StatusCode switch
        {
            StatusCodes.Status400BadRequest => Validation("body-required", new Dictionary<string, string[]>
            {
                ["body"] = ["A JSON object is required as the request body."],
            }),
            StatusCodes.Status413PayloadTooLarge => Problem(e.StatusCode, "body-too-large", "The request body is too large."),
            _ => Problem(e.StatusCode, "request-rejected", "The request could not be read."),
        };
    }

    private static HttpValidationProblemDetails Validation(string rule, IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request has invalid fields.",
            Type = ProblemTypes.For(rule),
        };
        problem.Extensions["rule"] = rule;
        return problem;
    }

    private static ProblemDetails Problem(int status, string rule, string detail)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = char.ToUpperInvariant(rule[0]) + rule[1..].Replace('-', ' '),
            Detail = detail,
            Type = ProblemTypes.For(rule),
        };
        problem.Extensions["rule"] = rule;
        return problem;
    }
}
