using System.Buffers;
using System.Runtime.InteropServices;

namespace Registry.Grains.Indexing;

/// <summary>
/// The ascending local ids a query matched (<see cref="PostingIndex{TDoc}.MatchingIdsPooled"/>): a posting list of the
/// index itself, valid while the index does not change, or a buffer rented from <see cref="ArrayPool{T}.Shared"/>,
/// returned by <see cref="Dispose"/>. Dispose once; a copy of the value shares the buffer. Default: no ids.
/// </summary>
public readonly struct PostingMatches : IDisposable
{
    private readonly List<int>? list;
    private readonly int[]? rented;
    private readonly int count;

    internal PostingMatches(List<int> list) => this.list = list;

    internal PostingMatches(int[] rented, int count)
    {
        this.rented = rented;
        this.count = count;
    }

    /// <summary>The ids, ascending.</summary>
    public ReadOnlySpan<int> Ids =>
        rented is not null ? rented.AsSpan(0, count) : list is not null ? CollectionsMarshal.AsSpan(list) : [];

    public void Dispose()
    {
        if (rented is not null)
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }
}
