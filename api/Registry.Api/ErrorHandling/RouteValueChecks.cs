namespace Registry.Api.ErrorHandling;

/// <summary>
/// Every route parameter of the API names a record (a code, a number, an id). A blank one, one with control characters
/// or one longer than any identifier here names nothing: it is refused with 400 <c>path-parameter-invalid</c> before
/// any endpoint runs, so no grain is ever asked for such a key.
/// </summary>
public static class RouteValueChecks
{
    public const int MaxLength = 256;

    public static IApplicationBuilder UseRouteValueChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            RequestChecks? checks = null;
            foreach (var (name, value) in context.Request.RouteValues)
            {
                if (value is string text &&
                    (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength || text.Any(char.IsControl)))
                {
                    (checks ??= new RequestChecks()).Fail(name, "path-parameter-invalid",
                        $"'{name}' in the path is blank, longer than {MaxLength} characters or has control characters.");
                }
            }

            checks?.ThrowIfAny();
            await next(context);
        });
}
