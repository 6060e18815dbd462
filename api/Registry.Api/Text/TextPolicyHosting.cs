using System.Text.Json.Serialization.Metadata;

namespace Registry.Api.Text;

/// <summary>
/// Puts the <see cref="TextPolicy"/> into the API's JSON options, so it applies to every request body of every
/// endpoint, present and future, before the endpoint runs; and makes bodies strict: a key given twice or a key the
/// schema does not have is refused (400 <c>duplicate-field</c> / <c>unknown-field</c>) rather than silently taken or
/// dropped, as the OpenAPI document's <c>additionalProperties: false</c> promises.
/// </summary>
public static class TextPolicyHosting
{
    public static WebApplicationBuilder AddRegistryTextPolicy(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            var json = options.SerializerOptions;
            json.Converters.Add(PolicedStringConverter.Line);
            json.AllowDuplicateProperties = false;
            json.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
            json.TypeInfoResolver = (json.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(TextPolicyModifier.Apply);
        });
        return builder;
    }
}
