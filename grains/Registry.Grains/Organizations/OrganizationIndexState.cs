namespace Registry.Grains.Organizations;

/// <summary>
/// Stored checkpoint of one search-index partition (its entries are stored in pieces, see
/// <see cref="OrganizationIndex.PieceOf(string)"/>): the piece layout its pieces were written with and when they were last
/// built from the organization records. Constant size. A partition without a checkpoint (a data directory written
/// before the index kept its own state) or with another layout builds its pieces from the records once, then
/// stores this checkpoint and never reads the records again unless asked to rebuild.
/// </summary>
public sealed class OrganizationIndexState
{
    /// <summary>Pieces per partition the stored pieces were written with (0: never built).</summary>
    public int PieceCount { get; set; }

    /// <summary>When the pieces were last built from the organization records.</summary>
    public DateTimeOffset? BuiltAt { get; set; }

    /// <summary>How many entries that build found.</summary>
    public int BuiltEntries { get; set; }
}
