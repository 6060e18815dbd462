using Registry.Abstractions.Divisions;

namespace Registry.Api.Spatial;

/// <summary>What the spatial answers need of a registry division, for any date: its names over time, level and
/// validity. Immutable.</summary>
public sealed class DivisionFacts(DivisionDetails details)
{
    public string Code => details.Code;

    public DivisionLevel Level => details.Level;

    /// <summary>First day in force; null: since before the registry's records.</summary>
    public DateOnly? ValidFrom => details.ValidFrom;

    /// <summary>First day no longer in force (merged, abolished, code changed); null: still in force.</summary>
    public DateOnly? ValidTo => details.ValidTo;

    public bool InForceOn(DateOnly date) =>
        (details.ValidFrom is null || details.ValidFrom <= date) && (details.ValidTo is null || date < details.ValidTo);

    public string NameOn(DateOnly date)
    {
        var name = details.Names.Count > 0 ? details.Names[0].Name : details.Name;
        foreach (var period in details.Names)
        {
            if (period.From is null || period.From <= date)
            {
                name = period.Name;
            }
        }

        return name;
    }
}
