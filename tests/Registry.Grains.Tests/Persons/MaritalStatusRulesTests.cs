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
}
