namespace Registry.Grains.Indexing;

/// <summary>
/// The first <c>k</c> items of a stream in an order, without keeping or sorting them all: a max-heap of the best
/// <c>k</c> offered so far, whose root (the worst kept) is replaced by anything better. Offering costs O(log k), so
/// ranking a search's matches costs O(n log k) for a page of k. Pure; not thread-safe.
/// </summary>
public sealed class TopK<T>
{
    private readonly int k;
    private readonly IComparer<T> order;
    private readonly PriorityQueue<T, T> heap;

    public TopK(int k, IComparer<T> order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        this.k = k;
        this.order = order;
        heap = new PriorityQueue<T, T>(Math.Min(k, 1_024) + 1, Comparer<T>.Create((a, b) => order.Compare(b, a)));
    }

    /// <summary>Whether <c>k</c> items are kept, so an item is kept only if it comes before <see cref="Last"/>.</summary>
    public bool Full => k > 0 && heap.Count == k;

    /// <summary>The last of the items kept, in the order (only when there is one).</summary>
    public T Last => heap.Peek();

    /// <summary>Keeps <paramref name="item"/> if it is among the first <c>k</c> offered so far.</summary>
    public void Offer(T item)
    {
        if (heap.Count < k)
        {
            heap.Enqueue(item, item);
        }
        else if (k > 0 && order.Compare(item, heap.Peek()) < 0)
        {
            heap.EnqueueDequeue(item, item);
        }
    }

    /// <summary>The items kept, in order.</summary>
    public List<T> Sorted()
    {
        var kept = heap.UnorderedItems.Select(i => i.Element).ToList();
        kept.Sort(order);
        return kept;
    }

    /// <summary>The first <paramref name="k"/> of <paramref name="items"/> in order: a short list is sorted whole
    /// (cheaper than a heap when it is not much longer than the page), a long one streamed through a heap.</summary>
    public static List<T> Of(List<T> items, IComparer<T> order, int k)
    {
        if (items.Count <= k * 4)
        {
            items.Sort(order);
            return items.Count <= k ? items : items.GetRange(0, k);
        }

        var top = new TopK<T>(k, order);
        foreach (var item in items)
        {
            top.Offer(item);
        }

        return top.Sorted();
    }
}
