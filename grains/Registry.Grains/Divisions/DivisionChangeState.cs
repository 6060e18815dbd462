using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>Stored state of a <see cref="DivisionChangeGrain"/>: the change, its checked plan, how far applying got,
/// and the events recorded.</summary>
public sealed class DivisionChangeState
{
    public DivisionChange? Change { get; set; }

    public List<PlannedStep> Steps { get; set; } = [];

    public int Next { get; set; }

    public List<DivisionEvent> Events { get; set; } = [];
}
