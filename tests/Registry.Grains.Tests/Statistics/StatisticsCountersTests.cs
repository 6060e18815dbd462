using Registry.Abstractions.Statistics;
using Registry.Grains.Statistics;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Tests.Statistics;

/// <summary>The counter arithmetic of the statistics read model, without a cluster: a partition's stored counters moved
/// by its pages' changes, and a roll-up's office-months summed over a period.</summary>
public sealed class StatisticsCountersTests
{
    private const string Office = "330102";

    [Fact]
    public void PartitionCounters_AddEachPageChangeOnce_AndSkipItWhenRepeated()
    {
        var days = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var counters = new PartitionCounters(days, []);

        var first = counters.Apply(3, new PageChange(0, 1, Delta(F.MarriageRegistrations, 31, (4, 2))));
        var repeated = counters.Apply(3, new PageChange(1, 1, Delta()));
        var second = counters.Apply(3, new PageChange(1, 2, Delta(F.MarriageRegistrations, 31, (4, 1))));
        var otherPage = counters.Apply(7, new PageChange(0, 1, Delta(F.MarriageRegistrations, 31, (4, 5))));

        Assert.Equal(
            [PartitionCounters.Outcome.Added, PartitionCounters.Outcome.AlreadyIncluded,
                PartitionCounters.Outcome.Added, PartitionCounters.Outcome.Added],
            [first, repeated, second, otherPage]);
        Assert.Equal(8, days[F.MarriageRegistrations][4]);
        Assert.Equal(8, days[F.MarriageRegistrations].Sum());
    }

    [Fact]
    public void PartitionCounters_MoveACorrectedFact_FromItsOldDayToItsNewOne()
    {
        var days = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var counters = new PartitionCounters(days, []);
        counters.Apply(0, new PageChange(0, 1, Delta(F.DivorceApplications, 30, (2, 1))));

        // The page's change of a fact moved from the 3rd to the 6th: -1 on the old day, +1 on the new.
        counters.Apply(0, new PageChange(1, 2, Delta(F.DivorceApplications, 30, (2, -1), (5, 1))));

        Assert.Equal(0, days[F.DivorceApplications][2]);
        Assert.Equal(1, days[F.DivorceApplications][5]);
        Assert.Equal(30, days[F.DivorceApplications].Length);
    }

    [Fact]
    public void PartitionCounters_RefuseAChangeThatDoesNotFollowWhatTheyInclude_AndRebuildFromThePages()
    {
        var days = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var revisions = new Dictionary<int, long>();
        var counters = new PartitionCounters(days, revisions);
        counters.Apply(2, new PageChange(0, 1, Delta(F.RecordExtracts, 31, (0, 1))));

        // Revision 2 of the page was stored but its change never reached the counters.
        var gap = counters.Apply(2, new PageChange(2, 3, Delta(F.RecordExtracts, 31, (1, 1))));
        var unchangedAfterGap = days[F.RecordExtracts].Sum();
        counters.Rebuild(
        [
            (2, new PartitionCounts(Office, 2026, 1, 3, Delta(F.RecordExtracts, 31, (0, 1), (1, 2)))),
            (9, new PartitionCounts(Office, 2026, 1, 4, Delta(F.ReplacementCertificates, 31, (9, 3)))),
        ]);
        var afterRebuild = counters.Apply(2, new PageChange(3, 4, Delta(F.RecordExtracts, 31, (1, 1))));

        Assert.Equal(PartitionCounters.Outcome.OutOfStep, gap);
        Assert.Equal(1, unchangedAfterGap);
        Assert.Equal(PartitionCounters.Outcome.Added, afterRebuild);
        Assert.Equal([1, 3], days[F.RecordExtracts][..2]);
        Assert.Equal(3, days[F.ReplacementCertificates][9]);
        Assert.Equal(new Dictionary<int, long> { [2] = 4, [9] = 4 }, revisions);
    }

    [Fact]
    public void RollupCounters_KeepTheNewestRevisionOfEachOfficeMonth()
    {
        var rollup = new RollupCounters();
        var newer = new PartitionCounts(Office, 2026, 3, 5, Delta(F.MarriageRegistrations, 31, (0, 7)));
        var older = newer with { Revision = 4, Days = Delta(F.MarriageRegistrations, 31, (0, 2)) };

        var tookNewer = rollup.Take(newer);
        var tookOlder = rollup.Take(older);
        var tookSame = rollup.Take(newer with { Days = Delta(F.MarriageRegistrations, 31, (0, 100)) });

        Assert.Equal((true, false, false), (tookNewer, tookOlder, tookSame));
        Assert.Equal(7, rollup.Sum(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))
            .Offices[Office][F.MarriageRegistrations]);
    }

    [Fact]
    public void RollupCounters_SumWholeMonthsAndPartsOfMonths_OnlyWithinThePeriod()
    {
        var rollup = new RollupCounters();
        rollup.Take(new PartitionCounts(Office, 2026, 1, 1, Delta(F.MarriageRegistrations, 31, (0, 1), (30, 2))));
        rollup.Take(new PartitionCounts(Office, 2026, 2, 1, Delta(F.MarriageRegistrations, 28, (0, 4), (27, 8))));
        rollup.Take(new PartitionCounts(Office, 2026, 3, 1, Delta(F.MarriageRegistrations, 31, (14, 16))));
        rollup.Take(new PartitionCounts("330103", 2026, 2, 1, Delta(F.DivorcesByCourt, 28, (9, 32))));

        long Sum(DateOnly from, DateOnly to, string office = Office, string figure = F.MarriageRegistrations) =>
            rollup.Sum(from, to).Offices.GetValueOrDefault(office)?.GetValueOrDefault(figure) ?? 0;

        Assert.Equal(31, Sum(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)));
        Assert.Equal(12, Sum(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)));
        Assert.Equal(2 + 4, Sum(new DateOnly(2026, 1, 31), new DateOnly(2026, 2, 27)));
        Assert.Equal(8 + 16, Sum(new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 15)));
        Assert.Equal(0, Sum(new DateOnly(2026, 3, 16), new DateOnly(2026, 12, 31)));
        Assert.Equal(32, Sum(new DateOnly(2026, 2, 10), new DateOnly(2026, 2, 10), "330103", F.DivorcesByCourt));
        Assert.DoesNotContain("330103", rollup.Sum(new DateOnly(2026, 2, 11), new DateOnly(2026, 12, 31)).Offices.Keys);
    }

    [Fact]
    public void RollupCounters_SumAskedAgain_FollowsCountersTakenSince()
    {
        var rollup = new RollupCounters();
        var year = (From: new DateOnly(2026, 1, 1), To: new DateOnly(2026, 12, 31));
        rollup.Take(new PartitionCounts(Office, 2026, 5, 1, Delta(F.MarriageRegistrations, 31, (19, 3))));

        var first = rollup.Sum(year.From, year.To).Offices[Office][F.MarriageRegistrations];
        rollup.Take(new PartitionCounts(Office, 2026, 5, 2, Delta(F.MarriageRegistrations, 31, (19, 5))));
        var afterNewer = rollup.Sum(year.From, year.To).Offices[Office][F.MarriageRegistrations];
        rollup.Take(new PartitionCounts("330103", 2026, 6, 1, Delta(F.MarriageRegistrations, 30, (0, 2))));
        var afterAnotherOffice = rollup.Sum(year.From, year.To);
        rollup.Take(new PartitionCounts(Office, 2026, 5, 1, Delta(F.MarriageRegistrations, 31, (19, 50))));

        Assert.Equal((3L, 5L), (first, afterNewer));
        Assert.Equal(2, afterAnotherOffice.Offices["330103"][F.MarriageRegistrations]);
        // An older revision is not taken, so the sum kept stays right.
        Assert.Equal(5, rollup.Sum(year.From, year.To).Offices[Office][F.MarriageRegistrations]);
        Assert.Equal(5, rollup.Sum(new DateOnly(2026, 5, 20), new DateOnly(2026, 5, 20)).Offices[Office][F.MarriageRegistrations]);
    }

    [Fact]
    public void RollupCounters_SumAPeriodStartingAndEndingMidMonth_AsEveryDayAddedOneByOne()
    {
        // Every day of January to April 2026 counted at two offices, two figures, each day's count different.
        var rollup = new RollupCounters();
        var days = new Dictionary<(string Office, string Figure, DateOnly Day), int>();
        foreach (var office in new[] { Office, "330103" })
        {
            for (var month = 1; month <= 4; month++)
            {
                var length = DateTime.DaysInMonth(2026, month);
                var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
                foreach (var figure in new[] { F.MarriageRegistrations, F.DivorceApplications })
                {
                    counts[figure] = new int[length];
                    for (var day = 1; day <= length; day++)
                    {
                        var count = (day * 7 + month * 3 + figure.Length + office[^1]) % 11;
                        counts[figure][day - 1] = count;
                        days[(office, figure, new DateOnly(2026, month, day))] = count;
                    }
                }

                rollup.Take(new PartitionCounts(office, 2026, month, 1, counts));
            }
        }

        // From mid-January through whole February and March to mid-April; and within one month, both ends inside it.
        foreach (var (from, to) in new[]
                 {
                     (new DateOnly(2026, 1, 17), new DateOnly(2026, 4, 9)),
                     (new DateOnly(2026, 2, 2), new DateOnly(2026, 2, 27)),
                     (new DateOnly(2026, 1, 31), new DateOnly(2026, 4, 1)),
                 })
        {
            var sums = rollup.Sum(from, to);
            foreach (var group in days.Where(d => d.Key.Day >= from && d.Key.Day <= to)
                         .GroupBy(d => (d.Key.Office, d.Key.Figure)))
            {
                Assert.Equal(group.Sum(d => (long)d.Value), sums.Offices[group.Key.Office][group.Key.Figure]);
            }

            Assert.Equal(days.Where(d => d.Key.Day >= from && d.Key.Day <= to).Sum(d => (long)d.Value),
                sums.Offices.Values.SelectMany(f => f.Values).Sum());
        }
    }

    /// <summary>Day counters of one figure in a month of <paramref name="length"/> days: (day index, count) pairs.</summary>
    private static Dictionary<string, int[]> Delta(string figure, int length, params (int Day, int Count)[] counts)
    {
        var days = new int[length];
        foreach (var (day, count) in counts)
        {
            days[day] += count;
        }

        return new Dictionary<string, int[]>(StringComparer.Ordinal) { [figure] = days };
    }

    private static Dictionary<string, int[]> Delta() => new(StringComparer.Ordinal);
}
