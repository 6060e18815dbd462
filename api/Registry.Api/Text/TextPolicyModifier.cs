using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Registry.Api.Text;

/// <summary>
/// A JSON contract modifier: every string property of an object gets the <see cref="PolicedStringConverter"/> of its
/// kind (<see cref="TextPolicy.KindOf"/>), read from a <see cref="TextPolicyAttribute"/> on the property or on the
/// record's constructor parameter, else from the property's JSON name.
/// </summary>
public static class TextPolicyModifier
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) || property.CustomConverter is not null)
            {
                continue;
            }

            var attribute = AttributeOf(property.AttributeProvider)
                ?? AttributeOf(property.AssociatedParameter?.AttributeProvider);
            var (kind, maxLength) = TextPolicy.KindOf(property.Name, attribute);
            if (kind != TextKind.Line || maxLength != TextPolicy.LineMaxLength)
            {
                property.CustomConverter = new PolicedStringConverter(kind, maxLength);
            }
        }
    }

    private static TextPolicyAttribute? AttributeOf(ICustomAttributeProvider? provider) =>
        provider?.GetCustomAttributes(typeof(TextPolicyAttribute), inherit: true).OfType<TextPolicyAttribute>()
            .FirstOrDefault();
}
