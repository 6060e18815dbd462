using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Registry.Api.ErrorHandling;

/// <summary>
/// A query parameter an endpoint takes as a number or a yes/no (<c>int? limit</c>, <c>bool? includeNeverInspected</c>)
/// whose value does not read as one, or that is given more than once, is refused with 400 <c>query-value</c> naming
/// the parameter, before the endpoint runs. Left to the framework's binding it was a bare 400 that the problem writer
/// could only call <c>bad-request</c> ("not well-formed HTTP"), naming neither rule nor field. The values are read as
/// the binding reads them (invariant culture); the endpoint checks their range.
/// </summary>
public static class TypedQueryChecks
{
    // Per handler, its parameters of these types (by name, as a query names them, case-insensitively).
    private static readonly ConcurrentDictionary<MethodInfo, (string Name, Type Type)[]> Typed = new();

    public static IApplicationBuilder UseTypedQueryChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.QueryString.HasValue
                && context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } handler)
            {
                Check(context.Request, Typed.GetOrAdd(handler, TypedParameters));
            }

            await next(context);
        });

    /// <summary>Whether a parameter of <paramref name="type"/> is checked here (its OpenAPI rules then name
    /// <c>query-value</c>).</summary>
    public static bool IsChecked(Type? type) =>
        (type is null ? null : Nullable.GetUnderlyingType(type) ?? type) is { } plain
        && (plain == typeof(int) || plain == typeof(long) || plain == typeof(bool) || plain == typeof(double));

    private static (string Name, Type Type)[] TypedParameters(MethodInfo handler) =>
        handler.GetParameters()
            .Where(p => IsChecked(p.ParameterType))
            .Select(p => (Name: p.Name!, Type: Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType))
            .ToArray();

    private static void Check(HttpRequest request, (string Name, Type Type)[] parameters)
    {
        RequestChecks? checks = null;
        foreach (var (name, type) in parameters)
        {
            // A route parameter of that name is bound from the path (and checked by its route's constraint).
            if (request.RouteValues.ContainsKey(name) || !request.Query.TryGetValue(name, out var values))
            {
                continue;
            }

            if (values.Count > 1)
            {
                (checks ??= new RequestChecks()).Fail(name, "query-value", $"'{name}' is given more than once.");
            }
            else if (!Reads(values.ToString(), type))
            {
                (checks ??= new RequestChecks()).Fail(name, "query-value", type == typeof(bool)
                    ? $"'{name}' is true or false."
                    : $"'{name}' must be a {(type == typeof(double) ? "number" : "whole number")}.");
            }
        }

        checks?.ThrowIfAny();
    }

    private static bool Reads(string value, Type type) =>
        type == typeof(bool) ? bool.TryParse(value, out _)
        : type == typeof(double) ? double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        : type == typeof(long) ? long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
