namespace Registry.Grains.Statistics;

/// <summary>
/// Checkpoint of <see cref="StatisticsRollupGrain"/>; its counters are stored in pieces
/// (<see cref="StorageNames.StatisticsRollupPiece"/>). <see cref="PieceCount"/> is the piece layout they were written
/// with (0: none stored). <see cref="Partitions"/> is what the build before stored (only which office-months it held,
/// their counters asked of them on every activation): read once to take their counters into the pieces, then
/// emptied.
/// </summary>
public sealed class StatisticsRollupState
{
    public HashSet<string> Partitions { get; set; } = new(StringComparer.Ordinal);

    public int PieceCount { get; set; }
}
