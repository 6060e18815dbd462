using System.Collections.Frozen;

namespace Registry.Abstractions.Persons;

/// <summary>
/// ISO 3166-1 country codes (the assigned alpha-3 and numeric codes), read once from the embedded list
/// (<c>Iso3166Countries.csv</c>, from the npm package iso-3166@4.4.0, MIT). Thread-safe.
/// </summary>
public static class CountryCodes
{
    private static readonly Lazy<(FrozenDictionary<string, string> Alpha3, FrozenSet<string> Numeric)> Codes =
        new(Load);

    /// <summary>True for an assigned alpha-3 code in upper case (e.g. <c>CHN</c>).</summary>
    public static bool IsAlpha3(string? code) => code is not null && Codes.Value.Alpha3.ContainsKey(code);

    /// <summary>True for an assigned 3-digit numeric code (e.g. <c>156</c>).</summary>
    public static bool IsNumeric(string? code) => code is not null && Codes.Value.Numeric.Contains(code);

    /// <summary>The English short name of an assigned alpha-3 code.</summary>
    public static string NameOf(string alpha3) => Codes.Value.Alpha3[alpha3];

    private static (FrozenDictionary<string, string>, FrozenSet<string>) Load()
    {
        using var stream = typeof(CountryCodes).Assembly.GetManifestResourceStream("Registry.Iso3166Countries.csv")
            ?? throw new InvalidOperationException("The ISO 3166 country list is not embedded.");
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var alpha3 = new Dictionary<string, string>(StringComparer.Ordinal);
        var numeric = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            // alpha2,alpha3,numeric,"name" (names may hold commas, always quoted)
            var parts = line.Split(',', 4);
            alpha3[parts[1]] = parts[3].Trim('"');
            numeric.Add(parts[2]);
        }

        return (alpha3.ToFrozenDictionary(StringComparer.Ordinal), numeric.ToFrozenSet(StringComparer.Ordinal));
    }
}
