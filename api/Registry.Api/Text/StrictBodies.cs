using System.Text.Json;
using System.Text.RegularExpressions;

namespace Registry.Api.Text;

/// <summary>
/// Recognises the serializer's refusals of a duplicate key and of a key the contract does not have (enabled by
/// <see cref="TextPolicyHosting"/>) and turns them into a rule and the field they name, without the .NET type names
/// the serializer's messages carry.
/// </summary>
public static partial class StrictBodies
{
    public const string DuplicateFieldRule = "duplicate-field";

    public const string UnknownFieldRule = "unknown-field";

    public static (string Rule, string Field, string Message)? Refusal(JsonException exception)
    {
        var message = exception.Message;
        var parent = ParentOf(exception.Path);
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal))
        {
            var name = Quoted().Match(message) is { Success: true } m ? m.Groups[1].Value : null;
            var field = name is null ? FieldOf(exception.Path) : Join(parent, name);
            return (DuplicateFieldRule, field, $"'{field}' is given more than once; give each field once.");
        }

        if (message.StartsWith("The JSON property '", StringComparison.Ordinal) && Quoted().Match(message) is { Success: true } unknown)
        {
            var field = Join(parent, unknown.Groups[1].Value);
            return (UnknownFieldRule, field, $"'{field}' is not a field of this request (see the OpenAPI document).");
        }

        return null;
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    // The serializer's path ends at the object holding the key, or at the key itself: keep only the holder.
    private static string ParentOf(string? path)
    {
        var field = FieldOf(path);
        return field == "body" ? "" : field;
    }

    private static string Join(string parent, string name) =>
        parent.Length == 0 || parent == name || parent.EndsWith("." + name, StringComparison.Ordinal)
            ? (parent.Length == 0 ? name : parent)
            : parent + "." + name;

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();
}
