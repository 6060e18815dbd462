using System.Text.Json;

namespace Registry.Api.Text;

/// <summary>
/// A string of a request body refused by the <see cref="TextPolicy"/>. A <see cref="JsonException"/>, so the serializer
/// adds the JSON path of the field and the framework answers it as a bad request; <see cref="Rule"/> names the rule.
/// </summary>
public sealed class TextPolicyException(string rule, string message) : JsonException(message)
{
    public string Rule => rule;
}
