namespace Registry.Grains.Indexing;

/// <summary>
/// Stored state of one piece of an index partition: the documents whose keys hash to it, by key. A write stores
/// only this piece, so its size, not the partition's, is what one write costs.
/// </summary>
public sealed class IndexPieceState<TDoc>
{
    public Dictionary<string, TDoc> Entries { get; set; } = new(StringComparer.Ordinal);
}
