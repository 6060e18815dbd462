using Registry.Abstractions.Statistics;
using Registry.Grains.Statistics;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Tests.Statistics;

/// <summary>The pages of an office's month as its partition holds them: where a record goes, and what a fact changes.</summary>
public sealed class PartitionPagesTests
{
    private const string Office = "130637";

    [Fact]
    public void Apply_RecordsBeyondAHashedPagesShare_GoToOverflowPages_AndARecordStaysOnItsPage()
    {
        var pages = new PartitionPages(31);
        var count = StatisticsKeys.Pages * PartitionPages.RecordsPerPage + 40;

        foreach (var i in Enumerable.Range(0, count))
        {
            pages.Apply([Fact($"organization:overflow-{i}#1", day: 1 + i % 28)]);
        }

        // One fact a record so far: a page's facts are its records.
        var records = pages.Pages.ToDictionary(pair => pair.Key, pair => pair.Value.Facts.Count);
        var pageOfFirst = pages.Pages.Single(pair => pair.Value.Facts.ContainsKey("organization:overflow-0#1")).Key;
        var later = pages.Apply([Fact("organization:overflow-0#report-2025", day: 30)]);

        Assert.All(records.Values, held => Assert.InRange(held, 1, PartitionPages.RecordsPerPage));
        Assert.Equal(count, records.Values.Sum());
        var overflow = records.Keys.Where(page => page >= StatisticsKeys.Pages).Order().ToList();
        Assert.Equal(Enumerable.Range(StatisticsKeys.Pages, overflow.Count), overflow);
        Assert.NotEmpty(overflow);
        var (page, change) = Assert.Single(later);
        Assert.Equal(pageOfFirst, page);
        Assert.Equal(1, change.Delta[F.ReportsFiled][29]);
        Assert.Equal(change.Before + 1, change.After);
    }

    [Fact]
    public void Apply_AFactCountingZero_OfARecordNotHeld_ChangesNoPage_AndOfOneHeld_Withdraws()
    {
        var pages = new PartitionPages(30);

        var nothing = pages.Apply([Fact("organization:zero#due-2026", day: 30, count: 0)]);
        pages.Apply([Fact("organization:zero#due-2026", day: 30)]);
        var withdrawn = pages.Apply([Fact("organization:zero#due-2026", day: 30, count: 0)]);
        var again = pages.Apply([Fact("organization:zero#due-2026", day: 30, count: 0)]);

        Assert.Empty(nothing);
        var (page, change) = Assert.Single(withdrawn);
        Assert.Equal(-1, change.Delta[F.ReportsFiled][29]);
        Assert.Empty(pages.Pages[page].Facts);
        Assert.Empty(again);
    }

    [Fact]
    public void Load_APageStoredBeyondItsShare_KeepsItsRecords_AndSendsNewOnesElsewhere()
    {
        var hashed = StatisticsKeys.Page("organization:stored-0#1");
        var stored = new StatisticsPartitionState { Revision = 7 };
        var i = 0;
        for (var held = 0; held < PartitionPages.RecordsPerPage + 4; i++)
        {
            var id = $"organization:stored-{i}#1";
            if (StatisticsKeys.Page(id) == hashed)
            {
                stored.Facts[id] = new PartitionFact(F.ReportsFiled, 1, 1);
                held++;
            }
        }

        var newcomer = Enumerable.Range(i, 10_000).Select(n => $"organization:stored-{n}#1")
            .First(id => StatisticsKeys.Page(id) == hashed);
        var pages = new PartitionPages(31);
        pages.Load(hashed, stored);

        var old = pages.Apply([Fact("organization:stored-0#1", day: 2)]);
        var placed = pages.Apply([Fact(newcomer, day: 2)]);

        Assert.Equal((hashed, 7L, 8L), (old.Single().Page, old.Single().Change.Before, old.Single().Change.After));
        Assert.Equal(StatisticsKeys.Pages, placed.Single().Page);
    }

    private static StatisticsFact Fact(string id, int day, int count = 1) =>
        new(id, F.ReportsFiled, Office, new DateOnly(2026, 12, day), count);
}
