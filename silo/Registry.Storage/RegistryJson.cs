using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Storage;

/// <summary>
/// The JSON shape of stored grain state: camelCase property names, enums as their names, <see cref="DateOnly"/> as
/// <c>yyyy-MM-dd</c>, and no type names, so that the stored text stays readable and independent of CLR type names.
/// State classes must expose what they persist as public properties (fields are not serialized).
/// </summary>
public static class RegistryJson
{
    /// <summary>
    /// The options every state is written and read with. Read-only: changing how stored JSON looks is a data
    /// migration, not a local tweak.
    /// </summary>
    public static JsonSerializerOptions StateOptions { get; } = CreateStateOptions();

    /// <summary>
    /// The writer options that make a <see cref="Utf8JsonWriter"/> write a state exactly as
    /// <see cref="JsonSerializer.Serialize{TValue}(TValue, JsonSerializerOptions?)"/> with <see cref="StateOptions"/>
    /// writes it as text (the serializer takes its encoder and indentation from the writer, not from its options).
    /// </summary>
    public static JsonWriterOptions StateWriterOptions { get; } = new()
    {
        Encoder = StateOptions.Encoder,
        Indented = StateOptions.WriteIndented,
        // The serializer writes only well-formed JSON and limits the depth itself (StateOptions' MaxDepth); checking
        // each token again is the writer's debugging aid.
        SkipValidation = true,
    };

    private static JsonSerializerOptions CreateStateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            // Dictionary keys are data (division codes, language tags), not member names: keep them verbatim.
            DictionaryKeyPolicy = null,
            WriteIndented = false,
            // An absent member reads as null (no stored state has a required member or a non-null default for a
            // nullable one), so nulls are not written: they were a seventh of a marriage record's compressed bytes
            // (544 with them, 469 without). States written before keep their nulls and read the same.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // A coordinate that is not known is NaN in a few states (an index entry of a name recorded without a
            // location): written as the string "NaN", which a plain JSON number cannot hold.
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
            // Text as UTF-8, not \uXXXX escapes: a Chinese character is 3 bytes instead of 6 (names, addresses and a
            // whole annual report are mostly Chinese), and writing it takes the serializer's fast path. Only what JSON
            // itself requires is escaped (quotes, backslash, control characters, so U+0000 is still seen below); a
            // state is never embedded in HTML. An unpaired surrogate never gets here (refused at the API's edge).
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
