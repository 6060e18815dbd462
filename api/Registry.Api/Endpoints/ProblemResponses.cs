namespace Registry.Api.Endpoints;

/// <summary>
/// The problem+json responses an endpoint declares in the OpenAPI document, by the kind of endpoint. The exception
/// handler decides the actual status; these only describe it, so every feature declares the same set for the same kind.
/// </summary>
public static class ProblemResponses
{
    /// <summary>A read: bad query (400), no or bad token (401), wrong role (403), nothing there (404).</summary>
    public static RouteHandlerBuilder ProducesReadProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>A change: as a read, plus a conflict with the current state (409) and a broken rule (422).</summary>
    public static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder builder) =>
        builder
            .ProducesReadProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
