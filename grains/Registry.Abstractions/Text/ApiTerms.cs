using System.Text.Json;

namespace Registry.Abstractions.Text;

/// <summary>
/// Values as the API spells them, for messages and history texts: the kebab-case value a client sends and reads
/// (<c>SocialAssociation</c> → <c>social-association</c>, <c>InForce</c> → <c>in-force</c>), never a C# identifier.
/// </summary>
public static class ApiTerms
{
    /// <summary>The API's value of an enum member.</summary>
    public static string Value<T>(T value)
        where T : struct, Enum =>
        JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Every value of <typeparamref name="T"/> as the API spells it, comma-separated.</summary>
    public static string Values<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(Value));
}
