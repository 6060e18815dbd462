using Registry.Abstractions.Text;

namespace Registry.Abstractions.Persons;

/// <summary>One name a marriage record gives a party (as registered, or as a court corrected it): the name, the key
/// of the document the party is recorded with, and the record.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Persons.PersonNameEntry")]
public sealed record PersonNameEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] string DocumentKey,
    [property: Id(2)] string MarriageId)
{
    /// <summary>How many partitions one name is split into, by document. A common name (the commonest full names
    /// are borne by hundreds of thousands of people) is then not one partition rewritten whole on each registration
    /// naming it; a search reads them all.</summary>
    public const int PartitionsPerName = 16;

    /// <summary>The index partition of this entry: its name's (see <see cref="KeyOf"/>), and among those, its
    /// document's.</summary>
    /// <remarks>Computed, so not stored: a stored partition held it once per entry (states written before keep it,
    /// and it is ignored when they are read).</remarks>
    [System.Text.Json.Serialization.JsonIgnore]
    public string PartitionKey =>
        PartitionKeyOf(KeyOf(Name), PartitionHash.Partition(DocumentKey, PartitionsPerName));

    /// <summary>The name as the index compares names: its white space collapsed and Latin letters upper-cased
    /// (names are searched whole).</summary>
    public static string KeyOf(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>Every partition a search for <paramref name="name"/> reads.</summary>
    public static IEnumerable<string> PartitionKeysOf(string name)
    {
        var key = KeyOf(name);
        return Enumerable.Range(0, PartitionsPerName).Select(n => PartitionKeyOf(key, n));
    }

    private static string PartitionKeyOf(string nameKey, int partition) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{nameKey}#{partition}");
}
