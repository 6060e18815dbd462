using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>
/// Stored state of a division. Names and parents are timelines (ordered by date); children are dated links.
/// <see cref="Code"/> is empty for a code that was never recorded.
/// </summary>
public sealed class DivisionState
{
    public string Code { get; set; } = "";

    public DivisionLevel Level { get; set; }

    public DateOnly? ValidFrom { get; set; }

    /// <summary>First day the division no longer exists; null while it does.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary><see cref="DivisionStatus.Abolished"/> or <see cref="DivisionStatus.Merged"/> once it has ended.</summary>
    public DivisionStatus EndStatus { get; set; }

    public string? SuccessorCode { get; set; }

    public List<DatedValue> Names { get; set; } = [];

    /// <summary>Parent codes over time; empty for a province.</summary>
    public List<DatedValue> Parents { get; set; } = [];

    public List<ChildLink> Children { get; set; } = [];

    public List<DivisionEvent> Events { get; set; } = [];

    public List<PendingStep> Pending { get; set; } = [];

    /// <summary>Ids of internal steps already applied here, so a resumed step is not applied twice.</summary>
    public List<string> AppliedOperations { get; set; } = [];
}
