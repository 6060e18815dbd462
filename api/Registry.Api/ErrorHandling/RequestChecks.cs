using System.Globalization;
using Registry.Abstractions.Divisions;

namespace Registry.Api.ErrorHandling;

/// <summary>Collects every invalid field of a request so the client hears about all of them at once.</summary>
public sealed class RequestChecks
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private string? firstRule;

    public RequestChecks Fail(string field, string rule, string message)
    {
        firstRule ??= rule;
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public RequestChecks Required(string field, object? value)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text))
        {
            Fail(field, "field-required", $"'{field}' is required.");
        }

        return this;
    }

    public RequestChecks DivisionCode(string field, string? code)
    {
        if (code is not null && !Abstractions.Divisions.DivisionCode.IsWellFormed(code))
        {
            Fail(field, "division-code-format",
                "A division code is 6 digits (GB/T 2260) or 9 digits (statistical township code).");
        }

        return this;
    }

    /// <summary>Parses an optional YYYY-MM-DD date; records an error and returns null when it is not one.</summary>
    public DateOnly? Date(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            return date;
        }

        Fail(field, "date-format", $"'{field}' must be a calendar date written YYYY-MM-DD.");
        return null;
    }

    /// <summary>Throws a <see cref="RequestValidationException"/> when any check failed.</summary>
    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new RequestValidationException(firstRule ?? "invalid-request",
                errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
