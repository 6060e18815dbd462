namespace Registry.Grains.Indexing;

/// <summary>
/// An in-memory inverted index over one partition's documents: each document has a key (a record id), a revision and
/// a set of terms (strings such as <c>name:志愿</c> or <c>kind:Foundation</c>, made by the read model), and a query
/// names the terms a document must all have. Posting lists are sorted lists of dense local ids, so a query
/// intersects its lists, starting from the shortest, instead of visiting every document. Putting a document again
/// removes the terms it no longer has; an older or equal revision changes nothing, so puts are idempotent and a late
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
    /// The documents that have every term of <paramref name="required"/>; with no terms, every document. Cost: the
    /// shortest posting list times the log of the others' lengths.
    /// </summary>
    public IReadOnlyList<TDoc> Matching(IReadOnlyCollection<string> required)
    {
        if (required.Count == 0)
        {
            return slots.Select(s => s.Doc).ToList();
        }

        var lists = new List<List<int>>(required.Count);
        foreach (var term in required.Distinct(StringComparer.Ordinal))
        {
            if (!postings.TryGetValue(term, out var list))
            {
                return [];
            }

            lists.Add(list);
        }

        lists.Sort((a, b) => a.Count.CompareTo(b.Count));
        IEnumerable<int> candidates = lists[0];
        for (var i = 1; i < lists.Count; i++)
        {
            var other = lists[i];
            candidates = candidates.Where(id => other.BinarySearch(id) >= 0);
        }

        return candidates.Select(id => slots[id].Doc).ToList();
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
    public int CountMatching(IReadOnlyCollection<string> required)
    {
        if (required.Count == 0)
        {
            return slots.Count;
        }

        var lists = new List<List<int>>(required.Count);
        foreach (var term in required.Distinct(StringComparer.Ordinal))
        {
            if (!postings.TryGetValue(term, out var list))
            {
                return 0;
            }

            lists.Add(list);
        }

        lists.Sort((a, b) => a.Count.CompareTo(b.Count));
        if (lists.Count == 1)
        {
            return lists[0].Count;
        }

        var count = 0;
        foreach (var id in lists[0])
        {
            var all = true;
            for (var i = 1; i < lists.Count && all; i++)
            {
                all = lists[i].BinarySearch(id) >= 0;
            }

            if (all)
            {
                count++;
            }
        }

        return count;
    }

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
