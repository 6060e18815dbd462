namespace Registry.Abstractions.Divisions;

/// <summary>
/// The registry-wide view over every division's names and history, for name search and change lists. One activation
/// (key <c>cn</c>) keeps the list of the directory's parts (<see cref="IDivisionDirectoryPartGrain"/>, which hold the
/// entries) in its own state and asks each part; it never reads the division records.
/// </summary>
[Alias("Registry.Divisions.IDivisionDirectoryGrain")]
public interface IDivisionDirectoryGrain : IGrainWithStringKey, IDivisionDirectoryQueries
{
    /// <summary>Notes that part <paramref name="part"/> holds entries, before it stores its first. Idempotent.
    /// </summary>
    Task AddPartAsync(string part);
}
