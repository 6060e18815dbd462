namespace Registry.Grains.Statistics;

/// <summary>
/// Checkpoint of <see cref="StatisticsRollupGrain"/>; its counters are stored in pieces
/// (<see cref="StorageNames.StatisticsRollupPiece"/>). <see cref="PieceCount"/> is the piece layout they were written
/// with (0: none stored). <see cref="Partitions"/> is what the build before stored (only which office-months it held,
/// their counters asked of them on every activation): read once to take their counters into the pieces, then
/// emptied. <see cref="Unflushed"/> marks counters held in memory but not stored yet.
/// </summary>
public sealed class StatisticsRollupState
{
    public HashSet<string> Partitions { get; set; } = new(StringComparer.Ordinal);

    public int PieceCount { get; set; }

    /// <summary>Set before a roll-up first holds counters it has not stored, cleared when it has stored them: found
    /// set at activation, the process stopped in between and the roll-up asks its office-months again.</summary>
    public bool Unflushed { get; set; }
}
