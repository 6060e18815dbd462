using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;

namespace Registry.Grains.Tests.Persons;

public sealed class MaritalStatusRulesTests
{
    private static readonly string Me = TestPeople.Man();
    private static readonly string First = TestPeople.Woman();
    private static readonly string Second = TestPeople.Woman();

    private static MarriageSummary Record(string id, string spouse, DateOnly on, MarriageStatus status,
        string? deceased = null) =>
        new(id, status, TestPeople.CountyCodes[0], on, "J-" + id, Me, "我", spouse, "配偶", null, deceased);

    [Fact]
    public void Derive_NoRecords_IsSingle() => Assert.Equal(MaritalStatus.Single, MaritalStatusRules.Derive(Me, []));

    [Fact]
    public void Derive_FollowsTheLatestRecordThatWasNotAnnulled()
    {
        var divorced = Record("1", First, new DateOnly(2010, 1, 1), MarriageStatus.Divorced);
        var annulled = Record("2", Second, new DateOnly(2015, 1, 1), MarriageStatus.Annulled);

        Assert.Equal(MaritalStatus.Divorced, MaritalStatusRules.Derive(Me, [divorced, annulled]));
        Assert.Equal(MaritalStatus.Married, MaritalStatusRules.Derive(Me,
            [divorced, Record("3", Second, new DateOnly(2020, 1, 1), MarriageStatus.InForce)]));
        Assert.Equal(MaritalStatus.Single, MaritalStatusRules.Derive(Me, [annulled]));
    }

    [Fact]
    public void Derive_TwoRegistrationsOnOneDay_FollowsTheOrderOfRegistration()
    {
        var day = new DateOnly(2020, 1, 1);
        var ended = Record("b", First, day, MarriageStatus.EndedByDeath, deceased: First);
        var current = Record("a", Second, day, MarriageStatus.InForce);

        Assert.Equal(MaritalStatus.Married, MaritalStatusRules.Derive(Me, [ended, current]));
    }

    [Fact]
    public void Derive_EndedByDeclarationOfDeath_IsWidowedForTheSurvivorAndDeclaredDeadForTheOther()
    {
        var ended = Record("1", First, new DateOnly(2010, 1, 1), MarriageStatus.EndedByDeath, deceased: First)
            with { DeathDeclared = true };

        Assert.Equal(MaritalStatus.Widowed, MaritalStatusRules.Derive(Me, [ended]));
        Assert.Equal(MaritalStatus.DeclaredDead, MaritalStatusRules.Derive(First, [ended]));
    }

    [Fact]
    public void Derive_EndedByDeath_IsWidowedForTheSurvivorAndDeceasedForTheOther()
    {
        var ended = Record("1", First, new DateOnly(2010, 1, 1), MarriageStatus.EndedByDeath, deceased: First);

        Assert.Equal(MaritalStatus.Widowed, MaritalStatusRules.Derive(Me, [ended]));
        Assert.Equal(MaritalStatus.Deceased, MaritalStatusRules.Derive(First, [ended]));
    }

    [Theory]
    [InlineData(MarriageStatus.DivorcedByCourt)]
    [InlineData(MarriageStatus.DissolvedByDeclarationOfDeath)]
    public void Derive_DissolvedByACourtOrARevokedDeclaration_IsDivorced(MarriageStatus status) =>
        Assert.Equal(MaritalStatus.Divorced,
            MaritalStatusRules.Derive(Me, [Record("1", First, new DateOnly(2010, 1, 1), status)]));

    [Fact]
    public void ReferenceFor_NamesTheOtherParty()
    {
        var record = Record("1", First, new DateOnly(2010, 1, 1), MarriageStatus.InForce);

        Assert.Equal(First, MaritalStatusRules.ReferenceFor(Me, record).SpouseIdNumber);
        Assert.Equal(Me, MaritalStatusRules.ReferenceFor(First, record).SpouseIdNumber);
    }

    [Fact]
    public void Derive_ArchiveEntryOfAnEarlierMarriageLinkedLast_FollowsTheRegistrationDates()
    {
        var current = Record("now", Second, new DateOnly(2012, 6, 1), MarriageStatus.InForce);
        var earlier = Record("then", First, new DateOnly(2005, 10, 1), MarriageStatus.Divorced)
            with { EndedOn = new DateOnly(2010, 3, 1) };

        Assert.Equal(MaritalStatus.Married, MaritalStatusRules.Derive(Me, [current, earlier]));
    }

    [Fact]
    public void Overlapping_ComparesPeriods_EndDayFree_AnnulledNever()
    {
        var ended = Record("1", First, new DateOnly(2000, 5, 1), MarriageStatus.DivorcedByCourt)
            with { EndedOn = new DateOnly(2008, 1, 15) };
        var annulled = Record("2", Second, new DateOnly(2009, 1, 1), MarriageStatus.Annulled)
            with { EndedOn = new DateOnly(2009, 6, 1) };
        var current = Record("3", Second, new DateOnly(2020, 1, 1), MarriageStatus.InForce);
        IReadOnlyList<MarriageSummary> records = [ended, annulled, current];

        Assert.Equal("1", MaritalStatusRules.Overlapping(records, new DateOnly(2007, 9, 1), new DateOnly(2009, 1, 1))?.Id);
        Assert.Null(MaritalStatusRules.Overlapping(records, new DateOnly(2008, 1, 15), new DateOnly(2019, 12, 31)));
        Assert.Null(MaritalStatusRules.Overlapping(records, new DateOnly(1990, 1, 1), new DateOnly(2000, 5, 1)));
        Assert.Equal("3", MaritalStatusRules.Overlapping(records, new DateOnly(2015, 1, 1), null)?.Id);
        Assert.Equal("3", MaritalStatusRules.Overlapping(records, new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 1))?.Id);
    }

    [Fact]
    public void DeathBefore_IsTheOwnDeathBeforeTheDate_NotTheSpouses()
    {
        var died = Record("1", First, new DateOnly(1998, 2, 2), MarriageStatus.EndedByDeath, deceased: Me)
            with { EndedOn = new DateOnly(2015, 11, 30) };

        Assert.Equal("1", MaritalStatusRules.DeathBefore([Me], [died], new DateOnly(2016, 5, 5))?.Id);
        Assert.Null(MaritalStatusRules.DeathBefore([Me], [died], new DateOnly(2015, 11, 30)));
        Assert.Null(MaritalStatusRules.DeathBefore([First], [died], new DateOnly(2016, 5, 5)));
    }
}
