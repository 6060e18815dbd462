using System.Text;

namespace Registry.Grains.Organizations;

/// <summary>
/// Name comparison for uniqueness and search: Unicode compatibility normalisation (full-width and half-width forms
/// compare equal), white space removed, upper case. Pure.
/// </summary>
public static class OrganizationNames
{
    public static string Normalize(string name)
    {
        var folded = name.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The key of the <see cref="Abstractions.Organizations.IOrganizationNameGrain"/> for a name in an office.</summary>
    public static string ClaimKey(string office, string name) => $"{office}:{Normalize(name)}";
}
