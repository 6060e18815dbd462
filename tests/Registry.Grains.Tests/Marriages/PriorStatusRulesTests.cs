using Registry.Abstractions.Marriages;
using Registry.Grains.Marriages;

namespace Registry.Grains.Tests.Marriages;

public sealed class PriorStatusRulesTests
{
    private const string Self = "M-new";

    private static MarriageSummary Record(string id, MarriageStatus status, DateOnly registeredOn) =>
        new(id, status, "110101", registeredOn, $"J110101-{registeredOn.Year}-000001", "A", "甲", "B", "乙", null, null);

    [Fact]
    public void Of_NoEarlierRecord_IsNeverMarried() =>
        Assert.Equal(PriorMaritalStatus.NeverMarried, PriorStatusRules.Of([], Self, null));

    [Theory]
    [InlineData(MarriageStatus.Divorced, PriorMaritalStatus.Divorced)]
    [InlineData(MarriageStatus.DivorcedByCourt, PriorMaritalStatus.Divorced)]
    [InlineData(MarriageStatus.DissolvedByDeclarationOfDeath, PriorMaritalStatus.Divorced)]
    [InlineData(MarriageStatus.EndedByDeath, PriorMaritalStatus.Widowed)]
    public void Of_TheLatestRecordNotAnnulled_Decides(MarriageStatus latest, PriorMaritalStatus expected)
    {
        var records = new[]
        {
            Record("M1", MarriageStatus.EndedByDeath, new(2001, 5, 1)),
            Record("M2", latest, new(2010, 5, 1)),
            Record("M3", MarriageStatus.Annulled, new(2015, 5, 1)),
        };

        Assert.Equal(expected, PriorStatusRules.Of(records, Self, null));
    }

    [Fact]
    public void Of_OnlyAnnulledRecords_IsPreviousMarriageAnnulled() =>
        Assert.Equal(PriorMaritalStatus.PreviousMarriageAnnulled,
            PriorStatusRules.Of([Record("M1", MarriageStatus.Annulled, new(2010, 5, 1))], Self, null));

    [Fact]
    public void Of_ArchiveEntry_CountsOnlyRecordsBeforeItsDate_AndNeverItself()
    {
        var records = new[]
        {
            Record(Self, MarriageStatus.Divorced, new(1995, 5, 1)),
            Record("M2", MarriageStatus.Divorced, new(2010, 5, 1)),
        };

        Assert.Equal(PriorMaritalStatus.NeverMarried, PriorStatusRules.Of(records, Self, new DateOnly(1995, 5, 1)));
        Assert.Equal(PriorMaritalStatus.Divorced, PriorStatusRules.Of(records, Self, new DateOnly(2012, 1, 1)));
    }

    [Fact]
    public void Of_ARecordInForce_CannotBeTold() =>
        Assert.Null(PriorStatusRules.Of([Record("M1", MarriageStatus.InForce, new(2010, 5, 1))], Self, null));

    [Fact]
    public void IsReunion_OnlyWhenTheTwoShareARecordEndedByDivorce()
    {
        var shared = Record("M1", MarriageStatus.Divorced, new(2010, 5, 1));
        var other = Record("M2", MarriageStatus.Divorced, new(2011, 5, 1));
        var widowed = Record("M3", MarriageStatus.EndedByDeath, new(2012, 5, 1));
        var annulled = Record("M4", MarriageStatus.Annulled, new(2012, 5, 1));

        Assert.True(PriorStatusRules.IsReunion([shared], [other, shared], Self, null));
        Assert.True(PriorStatusRules.IsReunion([shared with { Status = MarriageStatus.DivorcedByCourt }],
            [shared with { Status = MarriageStatus.DivorcedByCourt }], Self, null));
        Assert.False(PriorStatusRules.IsReunion([shared], [other], Self, null));
        Assert.False(PriorStatusRules.IsReunion([annulled], [annulled], Self, null));
        Assert.False(PriorStatusRules.IsReunion([widowed], [widowed], Self, null));
        Assert.False(PriorStatusRules.IsReunion([shared], [shared], Self, new DateOnly(2009, 1, 1)));
    }
}
