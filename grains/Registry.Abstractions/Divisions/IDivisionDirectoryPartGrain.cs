namespace Registry.Abstractions.Divisions;

/// <summary>
/// One stored part of the division directory: the entries of the divisions whose code begins with the part's key
/// (the first four digits: a prefecture's counties and townships), kept in the part's own state so that nothing
/// reads every division record to answer. Each division's grain puts its entry here after its writes (and the outbox
/// relay until it has); the division seeder puts what an edition import changed. Its answers
/// (<see cref="IDivisionDirectoryQueries"/>) are about its own divisions only; reads are in memory.
/// </summary>
[Alias("Registry.Divisions.IDivisionDirectoryPartGrain")]
public interface IDivisionDirectoryPartGrain : IGrainWithStringKey, IDivisionDirectoryQueries
{
    /// <summary>Keeps <paramref name="entry"/> as its division's entry, storing the part only when that changes
    /// something (putting the same entry again is harmless). Idempotent.</summary>
    Task PutAsync(DivisionDirectoryEntry entry);

    /// <summary>Keeps each entry as <see cref="PutAsync"/> does, in one write for all of them (a bulk publication).
    /// </summary>
    Task PutManyAsync(IReadOnlyList<DivisionDirectoryEntry> entries);
}
