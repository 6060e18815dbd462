using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>
/// What is known about a division from <see cref="Date"/> on: in force (<see cref="Status"/> InForce) with a name and
/// parent, or not (an end status, or <see cref="DivisionStatus.NoLongerListed"/> for an edition that does not list
/// it; <see cref="Name"/> then keeps the last known name). <see cref="EventSequence"/> names the recorded event of a
/// change (0 for an edition).
/// </summary>
public sealed record DivisionFact(
    DateOnly Date,
    DivisionFactSource Source,
    DivisionStatus Status,
    string? Name,
    string? ParentCode,
    IReadOnlyList<string> Successors,
    int EventSequence)
{
    public bool InForce => Status == DivisionStatus.InForce;

    /// <summary>Same state: both in force with the same name and parent, or both not in force.</summary>
    public bool SameStateAs(DivisionFact other) =>
        InForce == other.InForce && (!InForce || (Name == other.Name && ParentCode == other.ParentCode));
}
