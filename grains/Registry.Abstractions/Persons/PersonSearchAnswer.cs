using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Abstractions.Persons;

/// <summary>The answer of a search by name: the persons shown, whether more matched, and where the next page starts
/// (<see cref="Next"/>, null when no more matched).</summary>
/// <remarks>A search's persons come in the order of the <see cref="PageKeyOf">page key</see> of the first document by
/// which each bears the name, and <see cref="Next"/> is the page key of the last person shown: a digest, not the
/// document key, so the cursor a registrar's client puts in a URL (which proxies and server logs keep) names no
/// one.</remarks>
[GenerateSerializer, Alias("Registry.Persons.PersonSearchAnswer")]
public sealed record PersonSearchAnswer(
    [property: Id(0)] IReadOnlyList<PersonSearchResult> Persons,
    [property: Id(1)] bool Truncated,
    [property: Id(2)] string? Next = null)
{
    /// <summary>The characters of a page key: 32 lower-case hexadecimal digits.</summary>
    public const int PageKeyLength = 32;

    /// <summary>The page key of a document: the first 16 bytes of the SHA-256 of its key's UTF-8, in lower-case
    /// hexadecimal (two documents share one with a chance of about 2^-128).</summary>
    public static string PageKeyOf(string documentKey) => PageKeyText(PageOrderOf(documentKey));

    /// <summary>
    /// The page key of a document as the number its digits spell (<see cref="PageKeyOf"/>): numbers compare as the
    /// keys do, ordinally, without a string a document.
    /// </summary>
    /// <remarks>A search orders every document bearing the name (a thousand for a common name in a national
    /// register), so each thread keeps one hash context instead of making one a call, and the key's bytes and hash
    /// live on the stack.</remarks>
    public static UInt128 PageOrderOf(string documentKey)
    {
        var length = Encoding.UTF8.GetByteCount(documentKey);
        Span<byte> utf8 = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(documentKey, utf8);
        var hash = pageKeyHash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt128BigEndian(digest);
    }

    /// <summary>The page key that <paramref name="order"/> spells (see <see cref="PageOrderOf"/>).</summary>
    public static string PageKeyText(UInt128 order) => order.ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>The number a page key spells; <paramref name="pageKey"/> must be one (<see cref="IsPageKey"/>).</summary>
    public static UInt128 PageOrderOfKey(string pageKey) =>
        UInt128.Parse(pageKey, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    [ThreadStatic]
    private static IncrementalHash? pageKeyHash;

    /// <summary>Whether <paramref name="text"/> is a page key's form (what <see cref="Next"/> can be).</summary>
    public static bool IsPageKey(string text) =>
        text.Length == PageKeyLength && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
