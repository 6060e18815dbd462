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
    /// <summary>The distinct characters and bigrams of <paramref name="text"/>, each prefixed by <paramref name="field"/>;
    /// with <paramref name="latinTrigrams"/> also every run of three Latin letters or digits (see
    /// <see cref="OfFragment"/>).</summary>
    public static IEnumerable<string> OfText(string field, string text, bool latinTrigrams = false)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            grams.Add(string.Concat(field, text.AsSpan(i, 1)));
            if (i + 1 < text.Length)
            {
                grams.Add(string.Concat(field, text.AsSpan(i, 2)));
            }

            if (latinTrigrams && LatinAt(text, i, 3))
            {
                grams.Add(string.Concat(field, text.AsSpan(i, 3)));
            }
        }

        return grams;
    }

    /// <summary>
    /// The terms every text containing <paramref name="fragment"/> has: its bigrams, or the character itself for a
    /// one-character fragment. Empty for an empty fragment (which every text contains). With
    /// <paramref name="latinTrigrams"/> (texts indexed with them), a run of three Latin letters or digits is looked up
    /// as its trigram instead of its two bigrams: pinyin is written with few letters, so a bigram such as "an" or "sh"
    /// is in a large share of all spellings and a four-letter fragment's bigrams select many texts that do not contain
    /// it, while its trigrams select few.
    /// </summary>
    public static IEnumerable<string> OfFragment(string field, string fragment, bool latinTrigrams = false)
    {
        if (fragment.Length == 1)
        {
            return [field + fragment];
        }

        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < fragment.Length; i++)
        {
            if (latinTrigrams && LatinAt(fragment, i, 3))
            {
                grams.Add(string.Concat(field, fragment.AsSpan(i, 3)));
            }
            else if (!latinTrigrams || !LatinAt(fragment, i - 1, 3))
            {
                // A pair inside the trigram looked up before it adds nothing that trigram does not.
                grams.Add(string.Concat(field, fragment.AsSpan(i, 2)));
            }
        }

        return grams;
    }

    /// <summary>
    /// Whether <see cref="OfFragment"/> looks the whole <paramref name="fragment"/> up as one term (a character, a
    /// pair, or with <paramref name="latinTrigrams"/> a run of three Latin letters or digits): every text indexed
    /// with that term then contains the fragment, so the term's list holds the texts that match and no other.
    /// </summary>
    public static bool IsOneTerm(string fragment, bool latinTrigrams = false) =>
        fragment.Length is 1 or 2 || (latinTrigrams && fragment.Length == 3 && LatinAt(fragment, 0, 3));

    /// <summary>Whether the <paramref name="length"/> characters from <paramref name="at"/> are all in the text and
    /// all ASCII letters or digits.</summary>
    private static bool LatinAt(string text, int at, int length)
    {
        if (at < 0 || at + length > text.Length)
        {
            return false;
        }

        for (var i = at; i < at + length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
