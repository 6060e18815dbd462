using System.Diagnostics.CodeAnalysis;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Registry.Grains.Indexing;

/// <summary>
/// An in-memory inverted index over one partition's documents: each document has a key (a record id), a revision and
/// a set of terms (strings such as <c>name:志愿</c> or <c>kind:Foundation</c>, made by the read model), and a query
/// names the terms a document must all have. Posting lists are sorted lists of dense local ids, so a query
/// intersects its lists (starting from the shortest) instead of visiting every document: a list much longer than the
/// shortest is probed through a bitmap of its ids when it is dense enough that the bitmap is no larger than the list
/// (made on first need, then kept in step), otherwise by galloping. Putting a
/// document again removes the terms it no longer has; an older or equal revision changes nothing, so puts are idempotent and a late
/// duplicate never undoes a newer put. Pure; queries may run side by side (a bitmap a query makes is published only
/// once filled), a change may not run beside anything (the owner's lock or its one grain activation orders them).
/// </summary>
/// <typeparam name="TDoc">What the index returns for a match.</typeparam>
/// <param name="termsOf">The terms of a document; asked again for the stored document when it is replaced, so no
/// per-document copy of its terms is kept (at national scale that copy would outweigh the posting lists).</param>
public sealed class PostingIndex<TDoc>(Func<TDoc, IEnumerable<string>> termsOf)
    where TDoc : class
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<Slot> slots = [];
    private readonly Dictionary<string, Posting> postings = new(StringComparer.Ordinal);

    /// <summary>How many documents the index holds.</summary>
    public int Count => slots.Count;

    /// <summary>How many distinct terms have postings.</summary>
    public int TermCount => postings.Count;

    /// <summary>Every document, in no particular order.</summary>
    public IEnumerable<TDoc> All => slots.Select(s => s.Doc);

    /// <summary>The document stored under <paramref name="key"/>, or null.</summary>
    public TDoc? Get(string key) => ids.TryGetValue(key, out var id) ? slots[id].Doc : null;

    /// <summary>The local id of <paramref name="key"/> (stable while the index is not cleared or restored), or -1.</summary>
    public int IdOf(string key) => ids.TryGetValue(key, out var id) ? id : -1;

    /// <summary>The revision stored under <paramref name="key"/>, or null when the key is unknown.</summary>
    public long? RevisionOf(string key) => ids.TryGetValue(key, out var id) ? slots[id].Revision : null;

    /// <summary>How many documents have <paramref name="term"/>.</summary>
    public int Frequency(string term) => postings.TryGetValue(term, out var posting) ? posting.Ids.Count : 0;

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
        if (ListsOf(required) is not { } lists)
        {
            return [];
        }

        var candidates = CollectionsMarshal.AsSpan(lists[0].Ids).ToArray();
        var kept = IntersectRest(lists, candidates);
        return kept == candidates.Length ? candidates : candidates[..kept];
    }

    /// <summary>
    /// The ids <see cref="MatchingIds"/> returns, without a new array per call: with one distinct list, that list
    /// itself; with several, their intersection in a buffer rented from <see cref="ArrayPool{T}.Shared"/>. Dispose
    /// the result (once) when done, and do not change the index while it is in use. For a search path that meets
    /// broad terms: a fragment found in 100,000 names would otherwise copy its 400 KB list on the large object heap
    /// at every query.
    /// </summary>
    public PostingMatches MatchingIdsPooled(IReadOnlyCollection<string> required)
    {
        if (ListsOf(required) is not { } lists)
        {
            return default;
        }

        if (lists.Count == 1)
        {
            return new PostingMatches(lists[0].Ids);
        }

        var shortest = CollectionsMarshal.AsSpan(lists[0].Ids);
        var buffer = ArrayPool<int>.Shared.Rent(shortest.Length);
        shortest.CopyTo(buffer);
        return new PostingMatches(buffer, IntersectRest(lists, buffer.AsSpan(0, shortest.Length)));
    }

    /// <summary>The distinct posting lists of the terms, shortest first; null when a term has none.</summary>
    private List<Posting>? ListsOf(IReadOnlyCollection<string> required)
    {
        ArgumentOutOfRangeException.ThrowIfZero(required.Count);
        var lists = new List<Posting>(required.Count);
        foreach (var term in required)
        {
            if (!postings.TryGetValue(term, out var posting))
            {
                return null;
            }

            if (!lists.Contains(posting))
            {
                lists.Add(posting);
            }
        }

        lists.Sort((a, b) => a.Ids.Count.CompareTo(b.Ids.Count));
        return lists;
    }

    /// <summary>Keeps, at the front of <paramref name="candidates"/> (the first list's ids), those in every other
    /// list, and returns how many.</summary>
    private int IntersectRest(List<Posting> lists, Span<int> candidates)
    {
        var kept = candidates.Length;
        for (var i = 1; i < lists.Count && kept > 0; i++)
        {
            var other = lists[i];
            kept = (long)other.Ids.Count > (long)kept * BitmapRatio && other.BitsWhenDense(slots.Count) is { } bits
                ? Probe(candidates[..kept], bits)
                : Intersect(candidates[..kept], CollectionsMarshal.AsSpan(other.Ids));
        }

        return kept;
    }

    /// <summary>A list at least this many times longer than the candidates is probed by its bitmap (when it has
    /// one): a bit test per candidate instead of a galloping search.</summary>
    private const int BitmapRatio = 4;

    /// <summary>Keeps, at the front of <paramref name="candidates"/>, those whose bit is set, and returns how many
    /// (an id past the bitmap's end, of a document added later without the term, has none).</summary>
    private static int Probe(Span<int> candidates, ulong[] bits)
    {
        var kept = 0;
        foreach (var candidate in candidates)
        {
            var word = candidate >> 6;
            if (word < bits.Length && (bits[word] & (1UL << candidate)) != 0)
            {
                candidates[kept++] = candidate;
            }
        }

        return kept;
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
        postings.Select(p => KeyValuePair.Create(p.Key, (IReadOnlyList<int>)p.Value.Ids));

    /// <summary>
    /// Replaces every document and posting with ones <see cref="Documents"/> and <see cref="Postings"/> gave (a
    /// snapshot), without asking the documents for their terms: the caller vouches that they belong together.
    /// Throws <see cref="ArgumentException"/> where <see cref="TryRestore"/> refuses.
    /// </summary>
    public void Restore(IReadOnlyList<(string Key, long Revision, TDoc Doc)> documents,
        IEnumerable<KeyValuePair<string, List<int>>> restored)
    {
        if (!TryRestore(documents, restored, out var problem))
        {
            throw new ArgumentException(problem);
        }
    }

    /// <summary>
    /// <see cref="Restore"/> for a snapshot read from storage, which may be damaged: false, with the
    /// <paramref name="problem"/> and the index left empty, for a key that occurs twice or a posting that names no
    /// document or whose ids are not strictly ascending. Every snapshot reader falls back on this answer (an empty
    /// index rebuilt from the entries) rather than on an exception.
    /// </summary>
    public bool TryRestore(IReadOnlyList<(string Key, long Revision, TDoc Doc)> documents,
        IEnumerable<KeyValuePair<string, List<int>>> restored, [NotNullWhen(false)] out string? problem) =>
        TryRestoreDocuments(documents, out problem) && TryRestorePostings(restored, out problem);

    /// <summary>
    /// The first half of <see cref="TryRestore"/>: replaces every document, with no posting yet, so what is built
    /// from the documents alone can be built while the postings are still being read. Then
    /// <see cref="TryRestorePostings"/>. False, with the index left empty, for a key that occurs twice.
    /// </summary>
    // Both halves run once per partition at a start, over tens of thousands of entries: compiled optimized at once,
    // not first run unoptimized (the loop would wait for on-stack replacement).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRestoreDocuments(IReadOnlyList<(string Key, long Revision, TDoc Doc)> documents,
        [NotNullWhen(false)] out string? problem)
    {
        Clear();
        slots.Capacity = Math.Max(slots.Capacity, documents.Count);
        ids.EnsureCapacity(documents.Count);
        foreach (var (key, revision, doc) in documents)
        {
            if (!ids.TryAdd(key, slots.Count))
            {
                Clear();
                problem = $"The key {key} occurs twice.";
                return false;
            }

            slots.Add(new Slot(doc, revision));
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// The second half of <see cref="TryRestore"/>, after <see cref="TryRestoreDocuments"/>: adds the postings. False,
    /// with the index left empty, for a posting that names no document or whose ids are not strictly ascending.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRestorePostings(IEnumerable<KeyValuePair<string, List<int>>> restored,
        [NotNullWhen(false)] out string? problem)
    {
        if (restored is IReadOnlyCollection<KeyValuePair<string, List<int>>> lists)
        {
            postings.EnsureCapacity(postings.Count + lists.Count);
        }

        foreach (var (term, list) in restored)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] < 0 || list[i] >= slots.Count || (i > 0 && list[i] <= list[i - 1]))
                {
                    Clear();
                    problem = $"The posting list of {term} is not ascending local ids.";
                    return false;
                }
            }

            if (list.Count > 0)
            {
                postings[term] = new Posting(list);
            }
        }

        problem = null;
        return true;
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
        if (!postings.TryGetValue(term, out var posting))
        {
            postings[term] = posting = new Posting([]);
        }

        posting.Add(id);
    }

    private void Remove(string term, int id)
    {
        if (postings.TryGetValue(term, out var posting) && posting.Remove(id) == 0)
        {
            postings.Remove(term);
        }
    }

    /// <summary>
    /// One term's ascending local ids, and, once a query needed it while the list was dense, a bitmap of the same ids
    /// kept in step with every change (never larger than the list: it is made only when the list holds at least one
    /// id in 32 of the index).
    /// </summary>
    private sealed class Posting(List<int> ids)
    {
        public List<int> Ids { get; } = ids;

        private ulong[]? bits;

        /// <summary>The bitmap, made now if the list is dense among <paramref name="documents"/>; null if it is not.
        /// Queries running side by side may all get here first: each fills a bitmap of its own and only a filled one
        /// is published (the first), so none probes a bitmap still being filled.</summary>
        public ulong[]? BitsWhenDense(int documents)
        {
            var made = Volatile.Read(ref bits);
            if (made is null && (long)Ids.Count * 32 >= documents)
            {
                var filled = new ulong[(documents >> 6) + 1];
                foreach (var id in Ids)
                {
                    filled[id >> 6] |= 1UL << id;
                }

                made = Interlocked.CompareExchange(ref bits, filled, null) ?? filled;
            }

            return made;
        }

        public void Add(int id)
        {
            // Ids are handed out in increasing order, so a new document appends; only an update inserts in the middle.
            if (Ids.Count == 0 || Ids[^1] < id)
            {
                Ids.Add(id);
            }
            else
            {
                var at = Ids.BinarySearch(id);
                if (at >= 0)
                {
                    return;
                }

                Ids.Insert(~at, id);
            }

            if (bits is not null)
            {
                if (id >> 6 >= bits.Length)
                {
                    Array.Resize(ref bits, Math.Max(bits.Length * 2, (id >> 6) + 1));
                }

                bits[id >> 6] |= 1UL << id;
            }
        }

        /// <summary>Removes the id; returns how many ids are left.</summary>
        public int Remove(int id)
        {
            var at = Ids.BinarySearch(id);
            if (at >= 0)
            {
                Ids.RemoveAt(at);
                if (bits is not null)
                {
                    bits[id >> 6] &= ~(1UL << id);
                }
            }

            return Ids.Count;
        }
    }

    private readonly record struct Slot(TDoc Doc, long Revision);
}
