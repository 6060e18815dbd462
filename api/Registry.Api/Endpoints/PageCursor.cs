using System.Buffers.Text;
using System.Text;

namespace Registry.Api.Endpoints;

/// <summary>
/// The cursor of a keyset page (the OGC items' <c>cursor</c>, the person search's <c>after</c>): the key the next page
/// starts after, as base64url of its UTF-8, so a key (a feature id, a document key) travels in a link as one opaque
/// token and is not read as text in a URL or a server's log.
/// </summary>
public static class PageCursor
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <summary>The cursor for a page that starts after <paramref name="key"/>.</summary>
    public static string Of(string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key));

    /// <summary>The key <paramref name="cursor"/> holds; false when it is not a cursor <see cref="Of"/> made (altered,
    /// or not base64url of UTF-8 text).</summary>
    public static bool TryRead(string cursor, out string key)
    {
        key = "";
        try
        {
            // Throws on a character outside base64url (FormatException) and on bytes that are not UTF-8.
            var bytes = Base64Url.DecodeFromChars(cursor);
            if (bytes.Length == 0)
            {
                return false;
            }

            key = Strict.GetString(bytes);
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
