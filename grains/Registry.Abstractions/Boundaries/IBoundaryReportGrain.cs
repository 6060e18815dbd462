namespace Registry.Abstractions.Boundaries;

/// <summary>
/// Reports over every stored boundary line, read from the persisted read model the lines and inspections keep up to
/// date after each committed change (<see cref="IBoundaryReportModelGrain"/>). A stateless worker: any silo answers,
/// in parallel; the key is ignored (use 0).
/// </summary>
[Alias("Registry.Boundaries.IBoundaryReportGrain")]
public interface IBoundaryReportGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Lines whose last completed joint inspection was more than <paramref name="years"/> years before
    /// <paramref name="today"/> (and, if <paramref name="includeNeverInspected"/>, lines never inspected), by number.
    /// </summary>
    Task<IReadOnlyList<OverdueLine>> ListOverdueInspectionsAsync(DateOnly today, int years, bool includeNeverInspected);

    /// <summary>
    /// One page (<paramref name="offset"/>, at most <paramref name="limit"/> lines) of
    /// <see cref="ListOverdueInspectionsAsync"/>; with <paramref name="division"/> (a division code), only lines with
    /// a side that is that division or lies below it.
    /// </summary>
    Task<OverduePage> PageOverdueInspectionsAsync(DateOnly today, int years, bool includeNeverInspected,
        string? division, int offset, int limit);

    /// <summary>Repairs of markers found damaged, displaced or lost that are not done yet, oldest first.</summary>
    Task<IReadOnlyList<OpenRepair>> ListOpenRepairsAsync();
}
