namespace Registry.Grains.Statistics;

/// <summary>
/// Checkpoint of <see cref="StatisticsRollupGrain"/>; its counters are stored in pieces
/// (<see cref="StorageNames.StatisticsRollupPiece"/>). <see cref="PieceCount"/> is the piece layout they were written
/// with (0: none stored). <see cref="Partitions"/> is what the build before stored (only which office-months it held,
/// their counters asked of them on every activation): read once to take their counters into the pieces, then
/// emptied. <see cref="Unstored"/> names the office-months whose counters may be held in memory and not stored.
/// </summary>
public sealed class StatisticsRollupState
{
    public HashSet<string> Partitions { get; set; } = new(StringComparer.Ordinal);

    public int PieceCount { get; set; }

    /// <summary>
    /// The office-months (partition keys) whose counters the roll-up may hold and not have stored: each is added (and
    /// this checkpoint written) before the roll-up first holds unstored counters of it; a batch stored under load
    /// leaves the set naming that batch's office-months (likely held again in the next one, without a write), a
    /// deactivation or a recovery leaves it empty. Found non-empty at activation, the roll-up asks those office-months
    /// again, and only those.
    /// </summary>
    public HashSet<string> Unstored { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The mark of the build before <see cref="Unstored"/>: counters not stored, of office-months it did not
    /// name. Found set at activation, every office-month held is asked once; never set by this build.</summary>
    public bool Unflushed { get; set; }
}
