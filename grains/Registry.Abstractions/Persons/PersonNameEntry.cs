namespace Registry.Abstractions.Persons;

/// <summary>One name a marriage record gives a party (as registered, or as a court corrected it): the name, the key
/// of the document the party is recorded with, and the record.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Persons.PersonNameEntry")]
public sealed record PersonNameEntry(
    [property: Id(0)] string Name,
    [property: Id(1)] string DocumentKey,
    [property: Id(2)] string MarriageId)
{
    /// <summary>The index partition of <see cref="Name"/>: see <see cref="KeyOf"/>.</summary>
    public string PartitionKey => KeyOf(Name);

    /// <summary>The partition of the person-name index a name is found in: the name with its white space collapsed
    /// and Latin letters upper-cased (names are searched whole, so one partition answers a search).</summary>
    public static string KeyOf(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}
