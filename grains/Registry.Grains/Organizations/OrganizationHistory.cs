using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>Appends entries to an organization's history. Pure.</summary>
public static class OrganizationHistory
{
    public static OrganizationEvent Add(OrganizationState state, OrganizationEventKind kind, DateOnly date,
        EventStamp stamp, string? reason = null, int? year = null, OrganizationList? list = null,
        string? ground = null, IReadOnlyList<FieldChange>? changes = null)
    {
        var recorded = new OrganizationEvent(state.Events.Count + 1, kind, date, stamp.At, stamp.By,
            reason?.Trim(), year, list, ground, changes ?? []);
        state.Events.Add(recorded);
        return recorded;
    }
}
