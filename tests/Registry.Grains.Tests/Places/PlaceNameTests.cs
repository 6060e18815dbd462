using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Grains.Places;

namespace Registry.Grains.Tests.Places;

/// <summary>The place-name aggregate's lifecycle rules, without a cluster.</summary>
public sealed class PlaceNameTests
{
    private static readonly DateOnly Proposed = new(2026, 3, 2);
    private static readonly PlaceNameStamp Stamp = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), "registrar-1");

    private static PlaceName Draft()
    {
        var (name, romanization) = PlaceName.CheckNaming("南京东路", "Nanjing Donglu", PlaceCategory.Street, null);
        return new PlaceName(new PlaceNameState
        {
            Id = "p1",
            Name = name,
            Romanization = romanization,
            Category = PlaceCategory.Street,
            Status = PlaceNameStatus.Proposed,
            ProposedOn = Proposed,
            Names = [new PlaceNamePeriod(name, romanization, null, null)],
            ClaimKeys = ["k1", "k2"],
        });
    }

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;

    [Fact]
    public void CheckNaming_RefusesASpellingTheRulesDoNotAllow()
    {
        Assert.Equal("romanization-word-separation",
            Rule(() => PlaceName.CheckNaming("南京东路", "Nanjingdong Lu", PlaceCategory.Street, null)));
        Assert.Equal("field-required", Rule(() => PlaceName.CheckNaming("南京东路", "Nanjing-Ost", PlaceCategory.Street,
            new MinorityLanguageSpelling("German", " "))));
    }

    [Fact]
    public void Approve_ThenAnnounce_RecordsAuthorityDatesAndHistory()
    {
        var place = Draft();
        place.Approve(" 市人民政府 ", Proposed.AddDays(3), Proposed.AddDays(5), Stamp);
        Assert.Equal(PlaceNameStatus.Approved, place.State.Status);
        Assert.Equal("市人民政府", place.State.ApprovingAuthority);
        place.Announce(Proposed.AddDays(6), Stamp);
        Assert.Equal(PlaceNameStatus.Announced, place.State.Status);
        Assert.Equal([PlaceNameEventKind.Approved, PlaceNameEventKind.Announced], place.State.Events.Select(e => e.Kind));
        Assert.All(place.State.Events, e => Assert.Equal("registrar-1", e.Actor));
    }

    [Fact]
    public void Approve_InTheFutureOrBeforeTheProposal_RefusedAndNothingChanges()
    {
        var place = Draft();
        Assert.Equal("approval-date-future", Rule(() => place.Approve("市人民政府", Proposed.AddDays(9), Proposed.AddDays(5), Stamp)));
        Assert.Equal("approval-date-before-proposal", Rule(() => place.Approve("市人民政府", Proposed.AddDays(-1), Proposed.AddDays(5), Stamp)));
        Assert.Equal("place-name-not-approved", Rule(() => place.Announce(Proposed, Stamp)));
        Assert.Equal(PlaceNameStatus.Proposed, place.State.Status);
        Assert.Empty(place.State.Events);
    }

    [Fact]
    public void Rename_KeepsTheOldNameAsHistoryWithItsDates()
    {
        var place = Draft();
        place.Approve("市人民政府", Proposed, Proposed, Stamp);
        var today = Proposed.AddDays(30);
        var (name, romanization) = PlaceName.CheckNaming("淮海中路", "Huaihai Zhonglu", PlaceCategory.Street, null);
        var reason = place.CheckRename(name, romanization, today, " 批复 ", today);
        place.Rename(name, romanization, null, today, reason, ["k3"], today, "", Stamp);
        Assert.Equal("淮海中路", place.State.Name);
        Assert.Equal(2, place.State.Names.Count);
        Assert.Equal(today, place.State.Names[0].ValidTo);
        Assert.Equal(today, place.State.Names[1].ValidFrom);
        Assert.Equal(["k3"], place.State.ClaimKeys);
        Assert.Equal("批复", place.State.Events[^1].Reason);
    }

    [Fact]
    public void Rename_UnchangedOrProposedOrBadDate_Refused()
    {
        var place = Draft();
        Assert.Equal("place-name-status", Rule(() => place.CheckRename("淮海中路", "Huaihai Zhonglu", Proposed, "r", Proposed)));
        place.Approve("市人民政府", Proposed, Proposed, Stamp);
        Assert.Equal("place-name-unchanged", Rule(() => place.CheckRename("南京东路", "Nanjing Donglu", Proposed, "r", Proposed)));
        Assert.Equal("rename-effective-date", Rule(() => place.CheckRename("淮海中路", "Huaihai Zhonglu", Proposed.AddDays(1), "r", Proposed)));
        Assert.Equal("field-required", Rule(() => place.CheckRename("淮海中路", "Huaihai Zhonglu", Proposed, " ", Proposed)));
    }

    [Fact]
    public void Abolish_ReturnsTheClaimsAndClosesTheName()
    {
        var place = Draft();
        Assert.Equal("field-required", Rule(() => place.Abolish(null, null, Proposed, Stamp)));
        var keys = place.Abolish("撤销", null, Proposed.AddDays(1), Stamp);
        Assert.Equal(["k1", "k2"], keys);
        Assert.Empty(place.State.ClaimKeys);
        Assert.Equal(PlaceNameStatus.Abolished, place.State.Status);
        Assert.Equal(Proposed.AddDays(1), place.State.Names[^1].ValidTo);
        Assert.Equal("place-name-status", Rule(() => place.Abolish("again", null, Proposed.AddDays(1), Stamp)));
    }

    [Fact]
    public void Reject_WithReasons_GivesBackTheClaimsAndKeepsTheRecord()
    {
        var place = Draft();
        Assert.Equal("field-required", Rule(() => place.Reject(" ", null, Proposed, Stamp)));
        Assert.Equal("rejection-date", Rule(() => place.Reject("重名", Proposed.AddDays(2), Proposed.AddDays(1), Stamp)));
        var keys = place.Reject(" 与相邻街道重名 ", null, Proposed.AddDays(1), Stamp);
        Assert.Equal(["k1", "k2"], keys);
        Assert.Equal(PlaceNameStatus.Rejected, place.State.Status);
        Assert.Equal("与相邻街道重名", place.State.Events[^1].Reason);
        Assert.Equal("place-name-status", Rule(() => place.Approve("市人民政府", Proposed, Proposed, Stamp)));
        Assert.Equal("place-name-status", Rule(() => place.Reject("again", null, Proposed, Stamp)));
    }
}
