using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;

namespace Registry.Grains.Tests.Persons;

/// <summary>What a card linked to a party the archive names without a document must agree with, without a
/// cluster.</summary>
public sealed class PersonLinkRulesTests
{
    private static readonly DateOnly Today = TestPeople.Today;

    private static IdentityDocument Card(string number) =>
        IdentityDocument.TryParse(IdentityDocumentType.ResidentId, number, null, Today, out var card, out _, out _)
            ? card!
            : throw new InvalidOperationException(number);

    [Fact]
    public void ACard_FitsThePartyOfItsSex_WhateverItsBirthDay()
    {
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var a = IdentityDocument.OfUnrecordedParty(id, sideA: true);
        var b = IdentityDocument.OfUnrecordedParty(id, sideA: false);
        var record = new MarriageDetails(id, MarriageStatus.InForce, "110101", new DateOnly(1978, 10, 1), "京东结字第1号",
            new PartyDetails(a.Key, "张" + "三", "中国", Sex.Male, new DateOnly(1952, 4, 1)),
            new PartyDetails(b.Key, "李" + "四", "中国", Sex.Female, new DateOnly(1955, 7, 9)), null, [], [], []);

        Assert.Equal((id, true), a.UnrecordedParty);
        Assert.Equal((id, false), b.UnrecordedParty);

        // His card gives another day (the paper wrote his lunar birthday): the registrar's judgment, not refused.
        PersonLinkRules.EnsureCardFitsParty(Card(TestPeople.Born(new DateOnly(1952, 5, 14), Sex.Male)), a, record);
        PersonLinkRules.EnsureCardFitsParty(Card(TestPeople.Born(new DateOnly(1955, 7, 9), Sex.Female)), b, record);

        var refused = Assert.Throws<DomainException>(() => PersonLinkRules.EnsureCardFitsParty(
            Card(TestPeople.Born(new DateOnly(1952, 4, 1), Sex.Female)), a, record));
        Assert.Equal("linked-document-differs", refused.Rule);
        Assert.Throws<DomainException>(() => PersonLinkRules.EnsureCardFitsParty(
            Card(TestPeople.Born(new DateOnly(1955, 7, 9), Sex.Male)), b, record));
    }
}
