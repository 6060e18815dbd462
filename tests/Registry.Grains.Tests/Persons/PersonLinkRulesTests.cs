using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;

namespace Registry.Grains.Tests.Persons;

/// <summary>What a link between two records of one person must respect, without a cluster: one sex, and histories
/// that one person can have.</summary>
public sealed class PersonLinkRulesTests
{
    // A party the archive names without a document, and the card they later came with.
    private static readonly string Unrecorded =
        IdentityDocument.OfUnrecordedParty(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), sideA: true).Key;

    private static readonly string Card = TestPeople.Man();

    private static MarriageSummary Record(string party, DateOnly registeredOn, MarriageStatus status,
        DateOnly? endedOn = null, string? deceased = null) =>
        new(Guid.NewGuid().ToString("N"), status, "110101", registeredOn, $"J110101-{registeredOn.Year}-000001",
            party, "甲", TestPeople.Woman(), "乙", endedOn, deceased)
        {
            PartyABorn = (Sex.Male, new DateOnly(1952, 4, 1)),
            PartyBBorn = (Sex.Female, new DateOnly(1955, 7, 9)),
        };

    private static string RuleOf(Action link) => Assert.Throws<DomainException>(link).Rule;

    [Fact]
    public void Sexes_MustAgreeWhereBothAreKnown()
    {
        PersonLinkRules.EnsureSameSex(Card, Sex.Male, Unrecorded, Sex.Male);
        PersonLinkRules.EnsureSameSex(Card, null, Unrecorded, Sex.Female);
        PersonLinkRules.EnsureSameSex(Card, Sex.Female, Unrecorded, null);

        Assert.Equal("linked-document-differs", RuleOf(() =>
            PersonLinkRules.EnsureSameSex(Card, Sex.Female, Unrecorded, Sex.Male)));
    }

    [Fact]
    public void AnEndedArchivedMarriage_JoinsTheCardsLaterOnes()
    {
        // Married in 1984 before cards, divorced in 1990, married again in 2000 with the card.
        var archived = Record(Unrecorded, new DateOnly(1984, 5, 2), MarriageStatus.Divorced, new DateOnly(1990, 3, 1));
        var later = Record(Card, new DateOnly(2000, 6, 1), MarriageStatus.InForce);

        PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [later], [archived]);
        PersonLinkRules.EnsureHistoriesJoin([Unrecorded, Card], [archived], [later]);

        // Remarried on the day the divorce took effect: allowed, as for any person.
        var sameDay = Record(Card, new DateOnly(1990, 3, 1), MarriageStatus.InForce);
        PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [sameDay], [archived]);
    }

    [Fact]
    public void OverlappingMarriages_AreNotOnePersons()
    {
        var archived = Record(Unrecorded, new DateOnly(1984, 5, 2), MarriageStatus.InForce);
        var later = Record(Card, new DateOnly(2000, 6, 1), MarriageStatus.InForce);
        var endedLate = Record(Unrecorded, new DateOnly(1984, 5, 2), MarriageStatus.Divorced, new DateOnly(2000, 6, 2));

        Assert.Equal("linked-records-overlap", RuleOf(() =>
            PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [later], [archived])));
        Assert.Equal("linked-records-overlap", RuleOf(() =>
            PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [later], [endedLate])));
        Assert.Equal("linked-records-overlap", RuleOf(() =>
            PersonLinkRules.EnsureHistoriesJoin([Unrecorded, Card], [archived], [later])));
    }

    [Fact]
    public void AnAnnulledMarriage_OverlapsNothing()
    {
        var annulled = Record(Unrecorded, new DateOnly(1999, 5, 2), MarriageStatus.Annulled, new DateOnly(2001, 1, 5));
        var later = Record(Card, new DateOnly(2000, 6, 1), MarriageStatus.InForce);

        PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [later], [annulled]);
    }

    [Fact]
    public void OneRecordNamingBoth_IsRefused()
    {
        var both = Record(Card, new DateOnly(2000, 6, 1), MarriageStatus.Divorced, new DateOnly(2003, 1, 1));

        Assert.Equal("link-to-spouse", RuleOf(() =>
            PersonLinkRules.EnsureHistoriesJoin([Card, both.PartyBIdNumber], [both], [both])));
    }

    [Fact]
    public void AMarriageAfterTheRecordedDeath_IsNotTheSamePersons()
    {
        var diedIn1995 = Record(Unrecorded, new DateOnly(1984, 5, 2), MarriageStatus.EndedByDeath,
            new DateOnly(1995, 8, 1), deceased: Unrecorded);
        var later = Record(Card, new DateOnly(2000, 6, 1), MarriageStatus.InForce);
        var earlier = Record(Card, new DateOnly(1970, 6, 1), MarriageStatus.Divorced, new DateOnly(1980, 1, 1));

        Assert.Equal("linked-record-after-death", RuleOf(() =>
            PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [later], [diedIn1995])));
        PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [earlier], [diedIn1995]);

        // The spouse's death ends the marriage; the survivor may marry again.
        var spouseDied = diedIn1995 with { DeceasedIdNumber = diedIn1995.PartyBIdNumber };
        PersonLinkRules.EnsureHistoriesJoin([Card, Unrecorded], [later], [spouseDied]);
    }

    [Fact]
    public void APartyWithoutADocument_IsKnownOnlyByTheirRecord()
    {
        var archived = Record(Unrecorded, new DateOnly(1984, 5, 2), MarriageStatus.InForce);

        PersonLinkRules.EnsureRecordedIfUnrecorded(Unrecorded, [archived]);
        PersonLinkRules.EnsureRecordedIfUnrecorded(Card, []);
        var refused = Assert.Throws<DomainException>(() => PersonLinkRules.EnsureRecordedIfUnrecorded(Unrecorded, []));
        Assert.Equal((DomainErrorKind.NotFound, "marriage-not-found"), (refused.Kind, refused.Rule));
    }

    [Fact]
    public void RecordedBirth_IsThePartysInTheLatestRecordNamingThem()
    {
        var archived = Record(Unrecorded, new DateOnly(1984, 5, 2), MarriageStatus.Divorced, new DateOnly(1990, 3, 1));
        var asB = new MarriageSummary("m2", MarriageStatus.InForce, "110101", new DateOnly(2000, 6, 1), "J1",
            TestPeople.Woman(), "丙", Unrecorded, "甲", null, null)
        {
            PartyABorn = (Sex.Female, new DateOnly(1960, 1, 1)),
            PartyBBorn = (Sex.Male, new DateOnly(1952, 5, 14)),
        };

        Assert.Equal((Sex.Male, new DateOnly(1952, 5, 14)), MaritalStatusRules.RecordedBirth([Unrecorded], [asB, archived]));
        Assert.Equal((Sex.Male, new DateOnly(1952, 4, 1)), MaritalStatusRules.RecordedBirth([Unrecorded], [archived]));
        Assert.Null(MaritalStatusRules.RecordedBirth([Card], [archived, asB]));
    }
}
