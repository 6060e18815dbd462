namespace Registry.Api.ErrorHandling;

/// <summary>
/// Every route parameter of the API names a record (a code, a number, an id). A blank one, one with characters the
/// text policy forbids in a line (control, format, private-use, unpaired surrogates)
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
                    (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength ||
                     Text.TextPolicy.FirstForbidden(text, Text.TextKind.Line) is not null))
                {
                    (checks ??= new RequestChecks()).Fail(name, "path-parameter-invalid",
                        $"'{name}' in the path is blank, longer than {MaxLength} characters or has characters a name or code may not hold (control, format, private-use).");
                }
            }

            checks?.ThrowIfAny();
            await next(context);
        });
}
