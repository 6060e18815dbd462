using Registry.Grains.Indexing;

namespace Registry.Grains.Tests.Indexing;

/// <summary>The bounded selection both indexes rank their pages with (<see cref="TopK{T}"/>).</summary>
public sealed class TopKTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    [InlineData(10, 5)]
    [InlineData(10, 40)]
    [InlineData(10, 41)]
    [InlineData(25, 10_000)]
    public void Of_GivesTheFirstKOfAFullSort_WithTiesByASecondKey(int k, int count)
    {
        var random = new Random(k * 31 + count);
        // Few distinct primary keys, so most comparisons are ties that the second key decides.
        var items = Enumerable.Range(0, count).Select(i => (Primary: random.Next(20), Id: i)).ToList();
        var order = Comparer<(int Primary, int Id)>.Create((a, b) =>
            a.Primary != b.Primary ? a.Primary.CompareTo(b.Primary) : a.Id.CompareTo(b.Id));
        var expected = items.Order(order).Take(k).ToList();

        Assert.Equal(expected, TopK<(int, int)>.Of(items.ToList(), order, k));

        var streamed = new TopK<(int Primary, int Id)>(k, order);
        items.ForEach(streamed.Offer);
        Assert.Equal(expected, streamed.Sorted());
    }

    [Fact]
    public void ANegativeK_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopK<int>(-1, Comparer<int>.Default));
}
