namespace Registry.Abstractions.Persons;

/// <summary>
/// Search of persons by name for a registrar (stateless; any key, e.g. 0). Reads the partitions of the person-name
/// index the name falls in (<see cref="PersonNameEntry.PartitionKeysOf"/>), in page order from the page's own and only
/// as far as the page reaches, then each person's status; every search is written
/// to the access log with the actor, the query and the number of results, and each person's status read as usual.
/// </summary>
[Alias("Registry.Persons.IPersonSearchGrain")]
public interface IPersonSearchGrain : IGrainWithIntegerKey
{
    /// <summary>The persons recorded under <paramref name="name"/> (whole name; white space and the case of Latin
    /// letters ignored), at most <paramref name="limit"/>, in the order of the page key
    /// (<see cref="PersonSearchAnswer.PageKeyOf"/>) of the first document by which each bears the name;
    /// <c>Truncated</c> when more were found, and <c>Next</c> the <paramref name="after"/> of the page that follows
    /// (the persons whose first such page key comes after it).</summary>
    Task<PersonSearchAnswer> SearchAsync(string name, int limit, string? after = null);
}
