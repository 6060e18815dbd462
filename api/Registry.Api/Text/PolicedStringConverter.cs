using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Api.Text;

/// <summary>
/// Reads a JSON string through the <see cref="TextPolicy"/> for one <see cref="TextKind"/> and maximum length; writes
/// strings unchanged. Registered once for every string of the API's JSON (as a line) and set per field by
/// <see cref="TextPolicyModifier"/> where a field is another kind.
/// </summary>
public sealed class PolicedStringConverter(TextKind kind, int maxLength) : JsonConverter<string>
{
    public static PolicedStringConverter Line { get; } = new(TextKind.Line, TextPolicy.LineMaxLength);

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // No message: the serializer then writes its own, naming the path and the expected type.
            throw new JsonException();
        }

        return TextPolicy.Apply(reader.GetString()!, kind, maxLength);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options) =>
        TextPolicy.Apply(reader.GetString()!, TextKind.Line, TextPolicy.LineMaxLength);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);
}
