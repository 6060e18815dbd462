namespace Registry.Grains.Places.Spelling;

/// <summary>
/// Rule 8 of the 1984 rules (地名中的多音字和方言字根据普通话审音委员会审定的读音拼写): the place-name reading of
/// words whose characters have several readings (重庆 chong qing, 厦门 xia men, 蚌埠 beng bu, 六安 lu an, 番禺 pan yu),
/// from <c>Data/place-readings.txt</c> (derived from real data, see its script), plus the specifics of every division
/// (<c>Data/known-specifics.txt</c>) that tell a name from a modifier (河南路: 河南 is a name). Immutable; thread-safe.
/// </summary>
public sealed class PlaceReadings
{
    private static readonly Lazy<PlaceReadings> shared = new(Load);

    private readonly Dictionary<string, string[]> words;
    private readonly HashSet<string> specifics;

    private PlaceReadings(Dictionary<string, string[]> words, HashSet<string> specifics)
    {
        this.words = words;
        this.specifics = specifics;
        LongestWord = words.Keys.Max(w => w.Length);
    }

    public static PlaceReadings Shared => shared.Value;

    public int LongestWord { get; }

    /// <summary>The toneless readings of a word, one per character, when the table knows its place-name reading.</summary>
    public bool TryGet(string word, out IReadOnlyList<string> readings)
    {
        var found = words.TryGetValue(word, out var r);
        readings = r ?? [];
        return found;
    }

    /// <summary>Whether the text is the specific of a division (东四, 河南, 江南).</summary>
    public bool IsKnownSpecific(string text) => specifics.Contains(text) || words.ContainsKey(text);

    private static PlaceReadings Load()
    {
        var words = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var row in EmbeddedList.Rows("place-readings.txt"))
        {
            words[row[0]] = row[1].Split(' ');
        }

        var specifics = EmbeddedList.Rows("known-specifics.txt").Select(row => row[0]).ToHashSet(StringComparer.Ordinal);
        return new PlaceReadings(words, specifics);
    }
}
