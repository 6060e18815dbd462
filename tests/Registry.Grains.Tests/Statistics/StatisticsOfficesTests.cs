using Registry.Abstractions.Organizations;
using Registry.Abstractions.Statistics;
using Registry.Grains.Organizations;
using Registry.Grains.Statistics;
using Registry.Grains.Tests.Organizations;

namespace Registry.Grains.Tests.Statistics;

public sealed class StatisticsOfficesTests
{
    private static readonly DateOnly Day = new(2026, 6, 1);

    [Fact]
    public void BothSides_CountsOnceInEveryRollupHoldingBothSides_AndOnceAtEachSide()
    {
        var counties = TestCodes.Counties;
        var a = counties[0];
        var sameCity = counties.First(c => c != a && c[..4] == a[..4]);
        var otherProvince = counties.First(c => c[..2] != a[..2]);
        foreach (var b in new[] { sameCity, otherProvince })
        {
            var facts = StatisticsOffices.BothSides("line:x", StatisticsFigures.Lines, a, b, Day).ToList();
            long Under(string prefix) => facts
                .Where(f => Code(f.Office).StartsWith(prefix, StringComparison.Ordinal) ||
                    (prefix.Length == 0 && Code(f.Office) == "100000"))
                .Sum(f => f.Count);

            Assert.Equal(1, facts.Single(f => f.Office == a).Count);
            Assert.Equal(1, facts.Single(f => f.Office == b).Count);
            Assert.Equal(1, Under(""));
            Assert.Equal(1, Under(a[..2]));
            Assert.Equal(1, Under(b[..2]));
        }
    }

    [Fact]
    public void Grades_AreInForceFromEvaluationUntilTheyEnd()
    {
        var office = TestCodes.County(7);
        var state = new OrganizationState
        {
            Uscc = TestCodes.Uscc(OrganizationKind.Foundation, office),
            RegisteringOffice = office,
            Grades =
            [
                new GradeEvaluation(4, new(2020, 3, 1), new(2025, 3, 1), "test", null),
                new GradeEvaluation(5, new(2025, 3, 1), new(2030, 3, 1), "test", null, new(2026, 2, 1), "revoked"),
            ],
        };

        var levels = OrganizationStatistics.Of(state, CycleTestData.DefaultWindows).Levels;
        long InForce(int grade, DateOnly asOf) => levels
            .Where(l => l.Figure == StatisticsFigures.GradeInForce(grade) && l.Date <= asOf).Sum(l => l.Count);

        Assert.Equal(0, InForce(4, new(2020, 2, 29)));
        Assert.Equal(1, InForce(4, new(2020, 3, 1)));
        Assert.Equal(1, InForce(4, new(2025, 2, 28)));
        Assert.Equal(0, InForce(4, new(2025, 3, 1)));
        Assert.Equal(1, InForce(5, new(2025, 3, 1)));
        Assert.Equal(1, InForce(5, new(2026, 1, 31)));
        Assert.Equal(0, InForce(5, new(2026, 2, 1)));
        Assert.Equal(0, InForce(5, new(2029, 1, 1)));
    }

    private static string Code(string office) =>
        office.StartsWith(StatisticsFigures.SharedPrefix, StringComparison.Ordinal)
            ? office[StatisticsFigures.SharedPrefix.Length..]
            : office;
}
