namespace Registry.Grains.Places.Spelling;

/// <summary>
/// Names from minority languages are transliterated from their language, not spelled from the characters (1984 rules,
/// scope note; GB/T 16159-2012 §6.3.3): the official romanisation of province- and prefecture-level specifics
/// (乌鲁木齐 Ürümqi, 呼和浩特 Hohhot, 拉萨 Lhasa) from <c>Data/minority-names.txt</c>, derived from GeoNames (CC BY 4.0,
/// geonames.org) and Natural Earth by its script, never typed. Immutable; thread-safe.
/// </summary>
public sealed class MinorityNames
{
    private static readonly Lazy<MinorityNames> shared = new(() => new MinorityNames(
        EmbeddedList.Rows("minority-names.txt").Select(row => new MinorityName(row[0], row[1], row[2], row[3])).ToList()));

    private MinorityNames(IReadOnlyList<MinorityName> names) => Names = names;

    public static MinorityNames Shared => shared.Value;

    public IReadOnlyList<MinorityName> Names { get; }

    /// <summary>The official form whose specific begins the name (longest first), if any.</summary>
    public MinorityName? Find(string name) =>
        Names.Where(n => name.StartsWith(n.Specific, StringComparison.Ordinal))
            .OrderByDescending(n => n.Specific.Length)
            .FirstOrDefault();
}

/// <summary>One official minority-language form: the division's full name, its specific, the romanised specific
/// (one or more words) and the data source.</summary>
public sealed record MinorityName(string DivisionName, string Specific, string Romanised, string Source);
