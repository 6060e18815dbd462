namespace Registry.Grains.Indexing;

/// <summary>
/// The terms of free text for substring search: every single character and every pair of adjacent characters
/// (character bigrams, the usual unit for Chinese, which has no word spaces). A fragment of two or more characters
/// occurs in a text only if all its bigrams do, so its bigrams select candidates that a substring check then
/// confirms; a one-character fragment is looked up as a character. Works on UTF-16 code units, matching the ordinal
/// <see cref="string.Contains(string, StringComparison)"/> that confirms a match. Text is expected already normalised
/// (the read model's own normalisation, applied once at write and once per query). Pure.
/// </summary>
public static class TextGrams
{
    /// <summary>The distinct characters and bigrams of <paramref name="text"/>, each prefixed by <paramref name="field"/>.</summary>
    public static IEnumerable<string> OfText(string field, string text)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            grams.Add(string.Concat(field, text.AsSpan(i, 1)));
            if (i + 1 < text.Length)
            {
                grams.Add(string.Concat(field, text.AsSpan(i, 2)));
            }
        }

        return grams;
    }

    /// <summary>
    /// The terms every text containing <paramref name="fragment"/> has: its bigrams, or the character itself for a
    /// one-character fragment. Empty for an empty fragment (which every text contains).
    /// </summary>
    public static IEnumerable<string> OfFragment(string field, string fragment)
    {
        if (fragment.Length == 1)
        {
            return [field + fragment];
        }

        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fragment.Length; i++)
        {
            grams.Add(string.Concat(field, fragment.AsSpan(i, 2)));
        }

        return grams;
    }
}
