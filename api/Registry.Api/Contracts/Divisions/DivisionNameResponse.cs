using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>A name and when it was in force: <c>from</c> null means before the registry's records; <c>until</c> is
/// the first day it was no longer in force (null: still in force).</summary>
public sealed record DivisionNameResponse(string Name, DateOnly? From, DateOnly? Until)
{
    public static DivisionNameResponse FromPeriod(DivisionNamePeriod period) => new(period.Name, period.From, period.Until);
}
