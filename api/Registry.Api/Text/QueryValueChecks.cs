using Registry.Api.ErrorHandling;

namespace Registry.Api.Text;

/// <summary>
/// The <see cref="TextPolicy"/> for query strings: a query parameter's name or value with a character a line may not
/// hold (after percent-decoding: <c>%00</c>, a bidirectional override...) is refused with 400
/// <c>text-forbidden-character</c>, one longer than <see cref="MaxLength"/> with 400 <c>text-too-long</c>, before any
/// endpoint runs, the spatial hot path included. A query of printable ASCII without percent-escapes (the usual
/// <c>lon=116.4&amp;lat=39.9</c>) holds nothing to refuse and is passed on without being parsed.
/// </summary>
public static class QueryValueChecks
{
    public const int MaxLength = 2_048;

    public static IApplicationBuilder UseQueryValueChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.Value is { } raw && NeedsCheck(raw))
            {
                Check(context.Request.Query);
            }

            await next(context);
        });

    private static bool NeedsCheck(string raw)
    {
        if (raw.Length > MaxLength)
        {
            return true;
        }

        foreach (var c in raw)
        {
            if (c is '%' or < ' ' or > '~')
            {
                return true;
            }
        }

        return false;
    }

    private static void Check(IQueryCollection query)
    {
        RequestChecks? checks = null;
        foreach (var (name, values) in query)
        {
            if (TextPolicy.FirstForbidden(name, TextKind.Line) is { } inName)
            {
                (checks ??= new RequestChecks()).Fail("query", TextPolicy.ForbiddenCharacterRule,
                    $"A query parameter's name contains {inName}.");
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (TextPolicy.FirstForbidden(value, TextKind.Line) is { } forbidden)
                {
                    (checks ??= new RequestChecks()).Fail(name, TextPolicy.ForbiddenCharacterRule,
                        $"'{name}' contains {forbidden}, which is not allowed here.");
                }
                else if (value.Length > MaxLength)
                {
                    (checks ??= new RequestChecks()).Fail(name, TextPolicy.TooLongRule,
                        $"'{name}' is longer than {MaxLength} characters.");
                }
            }
        }

        checks?.ThrowIfAny();
    }
}
