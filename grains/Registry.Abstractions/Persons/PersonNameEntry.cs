using System.Globalization;

namespace Registry.Abstractions.Persons;

/// <summary>One name a marriage record gives a party (as registered, or as a court corrected it): the name, the key
/// of the document the party is recorded with, and the record.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Persons.PersonNameEntry")]
public sealed record PersonNameEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] string DocumentKey,
    [property: Id(2)] string MarriageId)
{
    /// <summary>How many partitions one name is split into, each a sixteenth of the page keys
    /// (<see cref="PersonSearchAnswer.PageKeyOf"/>): a common name (the commonest full names are borne by hundreds of
    /// thousands of people) is then not one partition rewritten whole on each registration naming it, and a search
    /// reads the partitions in page order, only as far as its page reaches.</summary>
    public const int PartitionsPerName = 16;

    /// <summary>The index partition of this entry: its name's (see <see cref="KeyOf"/>), and among those, the
    /// sixteenth of page keys its document's falls in (<see cref="ShareOf"/>).</summary>
    /// <remarks>Computed, so not stored: a stored partition held it once per entry (states written before keep it,
    /// and it is ignored when they are read).</remarks>
    [System.Text.Json.Serialization.JsonIgnore]
    public string PartitionKey => PartitionKeyOf(KeyOf(Name), ShareOf(PersonSearchAnswer.PageOrderOf(DocumentKey)));

    /// <summary>The name as the index compares names: its white space collapsed and Latin letters upper-cased
    /// (names are searched whole).</summary>
    public static string KeyOf(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>Every partition a search for <paramref name="name"/> may read, in page order.</summary>
    public static IEnumerable<string> PartitionKeysOf(string name)
    {
        var key = KeyOf(name);
        return Enumerable.Range(0, PartitionsPerName).Select(share => PartitionKeyOf(key, share));
    }

    /// <summary>Which of a name's partitions holds the documents whose page key is the number
    /// <paramref name="pageOrder"/> (<see cref="PersonSearchAnswer.PageOrderOf"/>): its first hexadecimal
    /// digit.</summary>
    public static int ShareOf(UInt128 pageOrder) => (int)(pageOrder >> 124);

    /// <summary>Partition <paramref name="share"/> (0 to 15, <see cref="ShareOf"/>) of the name
    /// <paramref name="nameKey"/> (<see cref="KeyOf"/>): <c>{name}@{hexadecimal digit}</c>.</summary>
    public static string PartitionKeyOf(string nameKey, int share) =>
        string.Create(CultureInfo.InvariantCulture, $"{nameKey}@{share:x}");

    /// <summary>
    /// The partitions of <paramref name="nameKey"/> as builds before 2026-12-07 kept them, <c>{name}#{n}</c>, n from
    /// a hash of the document rather than its page key, so a page could only be found by reading all sixteen.
    /// <c>migrate-storage</c> moves them into the page-ordered partitions; until it has, a search reads them too.
    /// </summary>
    public static IEnumerable<string> EarlierPartitionKeysOf(string nameKey) =>
        Enumerable.Range(0, PartitionsPerName)
            .Select(n => string.Create(CultureInfo.InvariantCulture, $"{nameKey}#{n}"));
}
