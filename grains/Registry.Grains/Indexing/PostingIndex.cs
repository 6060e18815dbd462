using System.Runtime.InteropServices;

namespace Registry.Grains.Indexing;

/// <summary>
/// An in-memory inverted index over one partition's documents: each document has a key (a record id), a revision and
/// a set of terms (strings such as <c>name:志愿</c> or <c>kind:Foundation</c>, made by the read model), and a query
/// names the terms a document must all have. Posting lists are sorted lists of dense local ids, so a query
/// intersects its lists (galloping, starting from the shortest) instead of visiting every document. Putting a
/// document again removes the terms it no longer has; an older or equal revision changes nothing, so puts are idempotent and a late
/// duplicate never undoes a newer put. Pure; not thread-safe (one grain activation owns it).
/// </summary>
/// <typeparam name="TDoc">What the index returns for a match.</typeparam>
/// <param name="termsOf">The terms of a document; asked again for the stored document when it is replaced, so no
/// per-document copy of its terms is kept (at national scale that copy would outweigh the posting lists).</param>
public sealed class PostingIndex<TDoc>(Func<TDoc, IEnumerable<string>> termsOf)
    where TDoc : class
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<Slot> slots = [];
    private readonly Dictionary<string, List<int>> postings = new(StringComparer.Ordinal);

    /// <summary>How many documents the index holds.</summary>
    public int Count => slots.Count;

    /// <summary>How many distinct terms have postings.</summary>
    public int TermCount => postings.Count;

    /// <summary>Every document, in no particular order.</summary>
    public IEnumerable<TDoc> All => slots.Select(s => s.Doc);

    /// <summary>The document stored under <paramref name="key"/>, or null.</summary>
    public TDoc? Get(string key) => ids.TryGetValue(key, out var id) ? slots[id].Doc : null;

    /// <summary>The revision stored under <paramref name="key"/>, or null when the key is unknown.</summary>
    public long? RevisionOf(string key) => ids.TryGetValue(key, out var id) ? slots[id].Revision : null;

    /// <summary>How many documents have <paramref name="term"/>.</summary>
    public int Frequency(string term) => postings.TryGetValue(term, out var list) ? list.Count : 0;

    /// <summary>
    /// Stores <paramref name="doc"/> under <paramref name="key"/> with its terms, unless the index already holds
    /// the key at <paramref name="revision"/> or newer. Returns whether it was stored.
    /// </summary>
    public bool Put(string key, long revision, TDoc doc)
    {
        var next = termsOf(doc).ToHashSet(StringComparer.Ordinal);
        if (!ids.TryGetValue(key, out var id))
        {
            id = slots.Count;
            ids[key] = id;
            slots.Add(new Slot(doc, revision));
            foreach (var term in next)
            {
                Add(term, id);
            }

            return true;
        }

        var current = slots[id];
        if (current.Revision >= revision)
        {
            return false;
        }

        var had = termsOf(current.Doc).ToHashSet(StringComparer.Ordinal);
        foreach (var term in had.Where(t => !next.Contains(t)))
        {
            Remove(term, id);
        }

        foreach (var term in next.Where(t => !had.Contains(t)))
        {
            Add(term, id);
        }

        slots[id] = new Slot(doc, revision);
        return true;
    }

    /// <summary>
    /// The documents that have every term of <paramref name="required"/>; with no terms, every document. Cost: see
    /// <see cref="MatchingIds"/>.
    /// </summary>
    public IReadOnlyList<TDoc> Matching(IReadOnlyCollection<string> required) =>
        required.Count == 0 ? slots.Select(s => s.Doc).ToList() : MatchingIds(required).Select(Doc).ToList();

    /// <summary>The document of a local id that <see cref="MatchingIds"/> returned.</summary>
    public TDoc Doc(int id) => slots[id].Doc;

    /// <summary>
    /// The ascending local ids of the documents that have every term of <paramref name="required"/> (at least one
    /// term). The posting lists are intersected from the shortest up, each step galloping through the longer list
    /// from where the previous candidate was found, so the cost is about the shortest list's length times the log of
    /// the ratio of the lengths, not the longer lists' lengths.
    /// </summary>
    public int[] MatchingIds(IReadOnlyCollection<string> required)
    {
        ArgumentOutOfRangeException.ThrowIfZero(required.Count);
        var lists = new List<List<int>>(required.Count);
        foreach (var term in required)
        {
            if (!postings.TryGetValue(term, out var list))
            {
                return [];
            }

            if (!lists.Contains(list))
            {
                lists.Add(list);
            }
        }

        lists.Sort((a, b) => a.Count.CompareTo(b.Count));
        var candidates = CollectionsMarshal.AsSpan(lists[0]).ToArray();
        var kept = candidates.Length;
        for (var i = 1; i < lists.Count && kept > 0; i++)
        {
            kept = Intersect(candidates.AsSpan(0, kept), CollectionsMarshal.AsSpan(lists[i]));
        }

        return kept == candidates.Length ? candidates : candidates[..kept];
    }

    /// <summary>
    /// Keeps, at the front of <paramref name="candidates"/>, those also in <paramref name="other"/> (both
    /// ascending) and returns how many: for each candidate, doubling steps from the last position found, then a
    /// binary search within the last step.
    /// </summary>
    private static int Intersect(Span<int> candidates, ReadOnlySpan<int> other)
    {
        var kept = 0;
        var low = 0;
        foreach (var candidate in candidates)
        {
            var step = 1;
            var high = low;
            while (high < other.Length && other[high] < candidate)
            {
                low = high + 1;
                high += step;
                step <<= 1;
            }

            var at = other[low..Math.Min(high + 1, other.Length)].BinarySearch(candidate);
            if (at >= 0)
            {
                candidates[kept++] = candidate;
                low += at + 1;
            }
            else
            {
                low += ~at;
            }

            if (low >= other.Length)
            {
                break;
            }
        }

        return kept;
    }

    /// <summary>
    /// Every document with its key and revision, in the order of their local ids (the ids <see cref="Postings"/>
    /// lists): with <see cref="Postings"/>, what <see cref="Restore"/> takes back, e.g. for a compact snapshot.
    /// </summary>
    public IReadOnlyList<(string Key, long Revision, TDoc Doc)> Documents()
    {
        var keys = new string[slots.Count];
        foreach (var (key, id) in ids)
        {
            keys[id] = key;
        }

        return slots.Select((slot, id) => (keys[id], slot.Revision, slot.Doc)).ToList();
    }

    /// <summary>Every term with the ascending local ids of the documents that have it (see <see cref="Documents"/>).</summary>
    public IEnumerable<KeyValuePair<string, IReadOnlyList<int>>> Postings =>
        postings.Select(p => KeyValuePair.Create(p.Key, (IReadOnlyList<int>)p.Value));

    /// <summary>
    /// Replaces every document and posting with ones <see cref="Documents"/> and <see cref="Postings"/> gave (a
    /// snapshot), without asking the documents for their terms: the caller vouches that they belong together.
    /// Refuses a posting that names no document or whose ids are not strictly ascending, leaving the index empty.
    /// </summary>
    public void Restore(IReadOnlyList<(string Key, long Revision, TDoc Doc)> documents,
        IEnumerable<KeyValuePair<string, List<int>>> restored)
    {
        Clear();
        slots.Capacity = Math.Max(slots.Capacity, documents.Count);
        ids.EnsureCapacity(documents.Count);
        foreach (var (key, revision, doc) in documents)
        {
            if (!ids.TryAdd(key, slots.Count))
            {
                Clear();
                throw new ArgumentException($"The key {key} occurs twice.", nameof(documents));
            }

            slots.Add(new Slot(doc, revision));
        }

        foreach (var (term, list) in restored)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] < 0 || list[i] >= slots.Count || (i > 0 && list[i] <= list[i - 1]))
                {
                    Clear();
                    throw new ArgumentException($"The posting list of {term} is not ascending local ids.", nameof(restored));
                }
            }

            if (list.Count > 0)
            {
                postings[term] = list;
            }
        }
    }

    /// <summary>
    /// How many documents have every term of <paramref name="required"/> (with no terms, every document): the size
    /// of what <see cref="Matching"/> returns, counted over the posting lists without touching a document.
    /// </summary>
    public int CountMatching(IReadOnlyCollection<string> required) =>
        required.Count == 0 ? slots.Count : MatchingIds(required).Length;

    /// <summary>Forgets every document.</summary>
    public void Clear()
    {
        ids.Clear();
        slots.Clear();
        postings.Clear();
    }

    private void Add(string term, int id)
    {
        if (!postings.TryGetValue(term, out var list))
        {
            postings[term] = list = [];
        }

        // Ids are handed out in increasing order, so a new document appends; only an update inserts in the middle.
        if (list.Count == 0 || list[^1] < id)
        {
            list.Add(id);
            return;
        }

        var at = list.BinarySearch(id);
        if (at < 0)
        {
            list.Insert(~at, id);
        }
    }

    private void Remove(string term, int id)
    {
        if (!postings.TryGetValue(term, out var list))
        {
            return;
        }

        var at = list.BinarySearch(id);
        if (at >= 0)
        {
            list.RemoveAt(at);
        }

        if (list.Count == 0)
        {
            postings.Remove(term);
        }
    }

    private readonly record struct Slot(TDoc Doc, long Revision);
}
