using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>
/// Stored state of a division: the facts that make its timeline (editions and recorded changes, by date), the codes
/// that have ever been under it, and its recorded events. <see cref="Code"/> is empty for a code never recorded.
/// <see cref="Format"/> versions this layout: the seeder and importer write <see cref="DivisionState.CurrentFormat"/>.
/// </summary>
public sealed class DivisionState
{
    public const int CurrentFormat = 2;

    public int Format { get; set; }

    public string Code { get; set; } = "";

    public DivisionLevel Level { get; set; }

    /// <summary>Ordered by date; on one date a change comes before the edition (the edition shows the state that day).</summary>
    public List<DivisionFact> Facts { get; set; } = [];

    /// <summary>Every code that has been under this division at some date (children are read as of a date).</summary>
    public List<string> ChildCodes { get; set; } = [];

    /// <summary>Recorded changes (approvals), sequence from 1.</summary>
    public List<DivisionEvent> Events { get; set; } = [];

    public List<AppliedStep> Applied { get; set; } = [];
}
