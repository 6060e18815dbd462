using System.Text;

namespace Registry.Grains.Places;

/// <summary>
/// The shipped character-to-pinyin table (<c>Data/han-pinyin.txt</c>, see its ATTRIBUTION.md), toneless, and the
/// set of Mandarin syllables derived from it: every reading of every character, tone marks removed. Loaded once;
/// immutable and thread-safe.
/// </summary>
public sealed class PinyinTable
{
    private static readonly Lazy<PinyinTable> shared = new(Load);

    private readonly Dictionary<int, string[]> readings;

    private PinyinTable(Dictionary<int, string[]> readings)
    {
        this.readings = readings;
        Syllables = readings.Values.SelectMany(r => r).ToHashSet(StringComparer.Ordinal);
        LongestSyllable = Syllables.Max(s => s.Length);
    }

    public static PinyinTable Shared => shared.Value;

    /// <summary>Toneless syllables (lower case, ü kept).</summary>
    public IReadOnlySet<string> Syllables { get; }

    public int LongestSyllable { get; }

    public int CharacterCount => readings.Count;

    /// <summary>The toneless readings of a character, in the table's order, or empty when it has none.</summary>
    public IReadOnlyList<string> ReadingsOf(int codePoint) =>
        readings.TryGetValue(codePoint, out var found) ? found : [];

    /// <summary>Lower case, tone marks (macron, acute, caron, grave) removed, ü and ê kept.</summary>
    public static string Toneless(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is not ('\u0304' or '\u0301' or '\u030C' or '\u0300'))
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    private static PinyinTable Load()
    {
        using var stream = typeof(PinyinTable).Assembly.GetManifestResourceStream("Registry.Grains.Places.han-pinyin.txt")
            ?? throw new InvalidOperationException("The embedded pinyin table is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var table = new Dictionary<int, string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var codePoint = char.ConvertToUtf32(line, 0);
            table[codePoint] = line[(tab + 1)..]
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Toneless)
                .Where(r => r.Length > 0 && r.All(c => c is >= 'a' and <= 'z' or 'ü' or 'ê'))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        }

        return new PinyinTable(table);
    }

    /// <summary>Whether the code point is a CJK unified ideograph (basic block, extensions A to H) or compatibility ideograph.</summary>
    public static bool IsHan(int codePoint) =>
        codePoint is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x323AF)
            or (>= 0xF900 and <= 0xFAFF) or 0x3007;

    /// <summary>The code points of a string (surrogate pairs joined; a lone surrogate becomes U+FFFD).</summary>
    public static IReadOnlyList<int> CodePoints(string text) =>
        text.EnumerateRunes().Select(rune => rune.Value).ToList();
}
