namespace Registry.Api.Ogc;

/// <summary>Where a feature stands in a collection's order: its record's key, then (divisions) its geometry
/// version; <c>Version</c> 0 for records without versions. Paging resumes after a key.</summary>
public readonly record struct OgcFeatureKey(string Record, int Version) : IComparable<OgcFeatureKey>
{
    public int CompareTo(OgcFeatureKey other)
    {
        var byRecord = string.CompareOrdinal(Record, other.Record);
        return byRecord != 0 ? byRecord : Version.CompareTo(other.Version);
    }

    public override string ToString() => Version == 0 ? Record : $"{Record}@v{Version}";

    /// <summary>The key an id or cursor names: <c>record</c> or <c>record@vN</c>.</summary>
    public static OgcFeatureKey Parse(string text)
    {
        var at = text.LastIndexOf("@v", StringComparison.Ordinal);
        return at > 0 && int.TryParse(text.AsSpan(at + 2), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var version) && version > 0
            ? new OgcFeatureKey(text[..at], version)
            : new OgcFeatureKey(text, 0);
    }
}
