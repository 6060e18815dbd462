using Registry.Grains.Indexing;

namespace Registry.Grains.Tests.Indexing;

public sealed class PostingIndexTests
{
    [Fact]
    public void Matching_ReturnsOnlyDocumentsWithEveryTerm()
    {
        var index = new PostingIndex<Doc>(d => d.Terms);
        index.Put("a", 1, new Doc("A", ["k:x", "s:on"]));
        index.Put("b", 1, new Doc("B", ["k:x", "s:off"]));
        index.Put("c", 1, new Doc("C", ["k:y", "s:on"]));

        Assert.Equal(["A"], Names(index.Matching(["k:x", "s:on"])));
        Assert.Equal(["A", "B"], Names(index.Matching(["k:x"])).Order());
        Assert.Empty(Names(index.Matching(["k:x", "k:y"])));
        Assert.Empty(Names(index.Matching(["k:z"])));
        Assert.Equal(["A", "B", "C"], Names(index.Matching([])).Order());
    }

    [Fact]
    public void CountMatching_IsTheSizeOfWhatMatchingReturns()
    {
        var index = new PostingIndex<Doc>(d => d.Terms);
        index.Put("a", 1, new Doc("A", ["k:x", "s:on", "o:11"]));
        index.Put("b", 1, new Doc("B", ["k:x", "s:off", "o:11"]));
        index.Put("c", 1, new Doc("C", ["k:y", "s:on", "o:11"]));
        index.Put("a", 2, new Doc("A", ["k:y", "s:on", "o:11"]));

        string[][] queries = [["k:x", "s:on"], ["k:y", "s:on", "o:11"], ["k:x"], ["o:11"], ["k:z"], ["k:x", "k:y"], []];
        foreach (var query in queries)
        {
            Assert.Equal(index.Matching(query).Count, index.CountMatching(query));
        }

        Assert.Equal(2, index.CountMatching(["k:y", "s:on", "o:11", "s:on"]));
    }

    [Fact]
    public void Put_NewerRevision_ReplacesTheDocumentAndRemovesTheTermsItNoLongerHas()
    {
        var index = new PostingIndex<Doc>(d => d.Terms);
        index.Put("a", 1, new Doc("old", ["n:阳光", "k:x"]));

        Assert.True(index.Put("a", 2, new Doc("new", ["n:星光", "k:x"])));

        Assert.Empty(Names(index.Matching(["n:阳光"])));
        Assert.Equal(0, index.Frequency("n:阳光"));
        Assert.Equal(["new"], Names(index.Matching(["n:星光", "k:x"])));
        Assert.Equal(1, index.Count);
        Assert.Equal(2, index.TermCount);
    }

    [Fact]
    public void Put_SameOrOlderRevision_ChangesNothing()
    {
        var index = new PostingIndex<Doc>(d => d.Terms);
        index.Put("a", 5, new Doc("current", ["n:阳光"]));

        Assert.False(index.Put("a", 5, new Doc("duplicate", ["n:星光"])));
        Assert.False(index.Put("a", 4, new Doc("late", ["n:星光"])));

        Assert.Equal("current", index.Get("a")!.Name);
        Assert.Equal(5, index.RevisionOf("a"));
        Assert.Empty(Names(index.Matching(["n:星光"])));
        Assert.Equal(["current"], Names(index.Matching(["n:阳光"])));
    }

    [Fact]
    public void Put_UpdateOfAnEarlierDocument_KeepsPostingListsSortedForIntersection()
    {
        var index = new PostingIndex<Doc>(d => d.Terms);
        for (var i = 0; i < 100; i++)
        {
            index.Put($"d{i}", 1, new Doc($"D{i}", ["k:all"]));
        }

        // d3 gains a term that later documents already have: it is inserted before them, not appended.
        for (var i = 50; i < 100; i++)
        {
            index.Put($"d{i}", 2, new Doc($"D{i}", ["k:all", "s:late"]));
        }

        index.Put("d3", 2, new Doc("D3", ["k:all", "s:late"]));

        var late = Names(index.Matching(["s:late", "k:all"]));
        Assert.Equal(51, late.Count);
        Assert.Contains("D3", late);
        Assert.Equal(51, Names(index.Matching(["k:all", "s:late"])).Count);
    }

    [Fact]
    public void MatchingIds_GallopingIntersection_FindsExactlyTheDocumentsWithEveryTerm()
    {
        // Lists of very different lengths (every doc, every 2nd, 3rd, 7th, 97th, a random tenth, one doc, the last),
        // so the intersection both steps and gallops, and stops at the end of a list.
        var random = new Random(20);
        var index = new PostingIndex<Doc>(d => d.Terms);
        var terms = new Dictionary<int, string[]>();
        for (var i = 0; i < 5_000; i++)
        {
            terms[i] = new[] { "all", i % 2 == 0 ? "d2" : null, i % 3 == 0 ? "d3" : null, i % 7 == 0 ? "d7" : null,
                    i % 97 == 0 ? "d97" : null, random.Next(10) == 0 ? "r" : null, i == 2_310 ? "one" : null,
                    i == 4_999 ? "last" : null }
                .OfType<string>().ToArray();
            index.Put($"d{i}", 1, new Doc($"D{i}", terms[i]));
        }

        // Updates insert into the middle of lists: the intersection must still see them.
        for (var i = 0; i < 5_000; i += 499)
        {
            terms[i] = [.. terms[i], "d97", "late"];
            index.Put($"d{i}", 2, new Doc($"D{i}", terms[i]));
        }

        string[][] queries =
        [
            ["d2", "d3"], ["d3", "d2", "d7"], ["d97", "all"], ["r", "d7"], ["r", "d97", "d2"], ["one", "d2", "d3", "d7"],
            ["last", "r"], ["last", "all"], ["late", "d97"], ["late", "d3", "r"], ["d7", "missing"], ["all"],
        ];
        foreach (var query in queries)
        {
            var expected = terms.Where(t => query.All(t.Value.Contains)).Select(t => $"D{t.Key}").Order().ToList();
            var ids = index.MatchingIds(query);
            using (var pooled = index.MatchingIdsPooled(query))
            {
                Assert.Equal(ids, pooled.Ids.ToArray());
            }

            Assert.Equal(ids.Order(), ids);
            Assert.Equal(expected, Names(ids.Select(index.Doc)).Order());
            Assert.Equal(expected.Count, index.CountMatching(query));
        }
    }

    [Fact]
    public void MatchingIds_AfterChangesToListsAQueryProbedByBitmap_SeesEveryChange()
    {
        // "all" and "d2" are dense and much longer than "d97", so a query probes them by bitmap; the changes after
        // the first queries remove terms, add them back in the middle, and add documents past the bitmaps' end.
        var index = new PostingIndex<Doc>(d => d.Terms);
        var terms = new Dictionary<int, string[]>();
        void Put(int i, long revision, string[] docTerms)
        {
            terms[i] = docTerms;
            index.Put($"d{i}", revision, new Doc($"D{i}", docTerms));
        }

        void AssertQueries()
        {
            string[][] queries = [["d97", "all"], ["d97", "d2"], ["d97", "d2", "all"], ["new", "all"], ["new", "d2"]];
            foreach (var query in queries)
            {
                var expected = terms.Where(t => query.All(t.Value.Contains)).Select(t => t.Key).Order().ToList();
                Assert.Equal(expected, index.MatchingIds(query).Select(id => int.Parse(index.Doc(id).Name[1..])));
                using var pooled = index.MatchingIdsPooled(query);
                Assert.Equal(index.MatchingIds(query), pooled.Ids.ToArray());
            }
        }

        for (var i = 0; i < 3_000; i++)
        {
            Put(i, 1, new[] { "all", i % 2 == 0 ? "d2" : null, i % 97 == 0 ? "d97" : null }.OfType<string>().ToArray());
        }

        AssertQueries();
        for (var i = 0; i < 3_000; i += 194)
        {
            Put(i, 2, ["d97"]); // no longer "all" nor "d2"
        }

        for (var i = 1; i < 3_000; i += 388)
        {
            Put(i, 2, ["all", "d2", "d97"]); // odd, so newly "d2": inserted in the middle of its list
        }

        for (var i = 3_000; i < 3_500; i++)
        {
            Put(i, 1, i % 2 == 0 ? ["all", "new", "d97"] : ["new", "d2"]);
        }

        AssertQueries();
    }

    /// <summary>
    /// Queries may run side by side (an index partition's searches in its silo run under a shared read lock), and a
    /// query may make a long list's bitmap on first need: no query may probe a bitmap another is still filling. The
    /// first queries after a restart (no bitmap made yet) answered a national organization search with nothing,
    /// once in a few thousand, and the same search asked again found the record.
    /// </summary>
    [Fact]
    public void MatchingIds_ManyQueriesAtOnceWhileTheBitmapIsFirstMade_EachFindsEveryMatch()
    {
        const int documents = 400_000;
        const int queriesAtOnce = 8;
        for (var round = 0; round < 6; round++)
        {
            // "all" is dense and much longer than "tenth", so the query {tenth, all} probes a bitmap of "all" that the
            // first query to need it makes; the index is built anew each round so each round makes it again.
            var index = new PostingIndex<Doc>(d => d.Terms);
            for (var i = 0; i < documents; i++)
            {
                index.Put($"d{i}", 1, new Doc($"D{i}", i % 10 == 0 ? ["all", "tenth"] : ["all"]));
            }

            using var start = new Barrier(queriesAtOnce);
            var found = new int[queriesAtOnce];
            var threads = Enumerable.Range(0, queriesAtOnce).Select(q => new Thread(() =>
            {
                start.SignalAndWait();
                found[q] = index.MatchingIds(["tenth", "all"]).Length;
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.All(found, count => Assert.Equal(documents / 10, count));
        }
    }

    private static List<string> Names(IEnumerable<Doc> docs) => docs.Select(d => d.Name).ToList();

    public sealed record Doc(string Name, string[] Terms);
}
