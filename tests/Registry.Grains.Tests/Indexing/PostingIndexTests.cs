using Registry.Grains.Indexing;

namespace Registry.Grains.Tests.Indexing;

public sealed class PostingIndexTests
{
    [Fact]
    public void Matching_ReturnsOnlyDocumentsWithEveryTerm()
    {
        var index = new PostingIndex<string>();
        index.Put("a", 1, "A", ["k:x", "s:on"]);
        index.Put("b", 1, "B", ["k:x", "s:off"]);
        index.Put("c", 1, "C", ["k:y", "s:on"]);

        Assert.Equal(["A"], index.Matching(["k:x", "s:on"]));
        Assert.Equal(["A", "B"], index.Matching(["k:x"]).Order());
        Assert.Empty(index.Matching(["k:x", "k:y"]));
        Assert.Empty(index.Matching(["k:z"]));
        Assert.Equal(["A", "B", "C"], index.Matching([]).Order());
    }

    [Fact]
    public void Put_NewerRevision_ReplacesTheDocumentAndRemovesTheTermsItNoLongerHas()
    {
        var index = new PostingIndex<string>();
        index.Put("a", 1, "old", ["n:阳光", "k:x"]);

        Assert.True(index.Put("a", 2, "new", ["n:星光", "k:x"]));

        Assert.Empty(index.Matching(["n:阳光"]));
        Assert.Equal(0, index.Frequency("n:阳光"));
        Assert.Equal(["new"], index.Matching(["n:星光", "k:x"]));
        Assert.Equal(1, index.Count);
        Assert.Equal(2, index.TermCount);
    }

    [Fact]
    public void Put_SameOrOlderRevision_ChangesNothing()
    {
        var index = new PostingIndex<string>();
        index.Put("a", 5, "current", ["n:阳光"]);

        Assert.False(index.Put("a", 5, "duplicate", ["n:星光"]));
        Assert.False(index.Put("a", 4, "late", ["n:星光"]));

        Assert.Equal("current", index.Get("a"));
        Assert.Equal(5, index.RevisionOf("a"));
        Assert.Empty(index.Matching(["n:星光"]));
        Assert.Equal(["current"], index.Matching(["n:阳光"]));
    }

    [Fact]
    public void Put_UpdateOfAnEarlierDocument_KeepsPostingListsSortedForIntersection()
    {
        var index = new PostingIndex<string>();
        for (var i = 0; i < 100; i++)
        {
            index.Put($"d{i}", 1, $"D{i}", ["k:all"]);
        }

        // d3 gains a term that later documents already have: it is inserted before them, not appended.
        for (var i = 50; i < 100; i++)
        {
            index.Put($"d{i}", 2, $"D{i}", ["k:all", "s:late"]);
        }

        index.Put("d3", 2, "D3", ["k:all", "s:late"]);

        var late = index.Matching(["s:late", "k:all"]);
        Assert.Equal(51, late.Count);
        Assert.Contains("D3", late);
        Assert.Equal(51, index.Matching(["k:all", "s:late"]).Count);
    }
}
