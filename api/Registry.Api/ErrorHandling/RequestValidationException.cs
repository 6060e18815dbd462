namespace Registry.Api.ErrorHandling;

/// <summary>Invalid request fields, answered as a 400 validation problem naming <see cref="Rule"/>.</summary>
public sealed class RequestValidationException(string rule, IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request has invalid fields.")
{
    public string Rule => rule;

    public IReadOnlyDictionary<string, string[]> Errors => errors;
}
