using System.Globalization;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Text;

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

    /// <summary>A reader of the words that name a value of <typeparamref name="T"/>.</summary>
    public delegate bool TermReader<T>(string text, out T value);

    /// <summary>
    /// Parses an optional value named by one of the words <paramref name="read"/> knows (the API's value or its
    /// Chinese name); records <paramref name="rule"/> with <paramref name="message"/> and returns null otherwise.
    /// </summary>
    public T? Term<T>(string field, string rule, string? text, TermReader<T> read, string message)
        where T : struct
    {
        if (text is null)
        {
            return null;
        }

        if (read(text, out var value))
        {
            return value;
        }

        Fail(field, rule, message);
        return null;
    }

    /// <summary>
    /// Parses an optional enum value written as the JSON bodies write enums (kebab-case, e.g. <c>social-association</c>);
    /// records <paramref name="rule"/> listing the values and returns null when it is not one.
    /// </summary>
    public T? Enum<T>(string field, string rule, string? text)
        where T : struct, System.Enum
    {
        if (text is null)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (ApiTerms.Value(value) == text.Trim())
            {
                return value;
            }
        }

        Fail(field, rule, $"'{field}' is one of: {ApiTerms.Values<T>()}.");
        return null;
    }

    /// <summary>
    /// A page of a list (rule <c>paging-range</c>): <c>page</c> a whole number from 1, the size (named
    /// <paramref name="sizeField"/>) from 1 to <paramref name="maxSize"/>, and no page beyond the first
    /// <paramref name="maxDepth"/> results.
    /// </summary>
    public (int Page, int Size) Paging(string? page, string sizeField, string? size, int defaultSize, int maxSize,
        int maxDepth)
    {
        var pageNumber = 1;
        var pageSize = defaultSize;
        if (!string.IsNullOrEmpty(page) &&
            (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1))
        {
            Fail("page", "paging-range", "'page' is a whole number from 1.");
            pageNumber = 1;
        }

        if (!string.IsNullOrEmpty(size) &&
            (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) ||
             pageSize < 1 || pageSize > maxSize))
        {
            Fail(sizeField, "paging-range", $"'{sizeField}' is a whole number from 1 to {maxSize}.");
            pageSize = defaultSize;
        }

        if ((long)pageNumber * pageSize > maxDepth)
        {
            Fail("page", "paging-range", $"Paging reaches the first {maxDepth} results; narrow the search.");
        }

        return (pageNumber, pageSize);
    }

    /// <summary>
    /// Refuses query parameters the resource does not know (rule <c>unknown-query-parameter</c>: a misspelt filter
    /// must not silently answer everything), naming each and the ones it accepts.
    /// </summary>
    public RequestChecks KnownParametersOnly(IQueryCollection query, IReadOnlyList<string> known)
    {
        foreach (var key in query.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase))
                     .Order(StringComparer.Ordinal))
        {
            var name = key.Length > 100 ? key[..100] : key;
            Fail(name, "unknown-query-parameter",
                $"'{name}' is not a parameter of this resource; it accepts {string.Join(", ", known)}.");
        }

        return this;
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
