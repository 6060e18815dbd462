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
    public void Rename_TakesEffectOnlyWhenApprovedAndOnItsDate_OldNameStaysAsHistory()
    {
        var place = Draft();
        place.Approve("市人民政府", Proposed, Proposed, Stamp);
        var today = Proposed.AddDays(30);
        var effective = today.AddDays(10);
        var (name, romanization) = PlaceName.CheckNaming("淮海中路", "Huaihai Zhonglu", PlaceCategory.Street, null);
        var reason = place.CheckRename(name, romanization, effective, " 批复 ", today);
        var number = place.ProposeRename(name, romanization, null, effective, reason, ["k3"], today, "", Stamp);
        Assert.Equal(1, number);

        // Proposed: the old name is in force and the new one's keys are held beside it.
        Assert.Equal("南京东路", place.NameOn(effective).Name);
        Assert.Equal(["k1", "k2", "k3"], place.ClaimKeysOn(today));
        Assert.Equal("place-name-change-pending", Rule(() => place.ProposeAbolition("撤销", null, today, Stamp)));

        place.ApproveChange(number, " 市人民政府 ", today, today, Stamp);
        Assert.Equal("南京东路", place.NameOn(effective.AddDays(-1)).Name);
        Assert.Equal("淮海中路", place.NameOn(effective).Name);
        Assert.Equal(effective, place.State.Names[0].ValidTo);
        Assert.Equal(effective, place.State.Names[1].ValidFrom);
        Assert.Equal(effective, place.NextChangeAfter(today));
        Assert.Null(place.NextChangeAfter(effective));

        // Until its day the old keys stand; from it only the new name's.
        Assert.Equal(["k1", "k2", "k3"], place.ClaimKeysOn(effective.AddDays(-1)));
        Assert.Equal(["k3"], place.ClaimKeysOn(effective));
        Assert.Equal(PlaceNameEventKind.Renamed, place.State.Events[^1].Kind);
        Assert.Equal(effective, place.State.Events[^1].EffectiveDate);
        Assert.Equal("批复", place.State.Events[^1].Reason);
        Assert.Equal("place-name-change-status", Rule(() => place.ApproveChange(number, "市人民政府", today, today, Stamp)));
        place.AnnounceChange(number, today, Stamp);
        Assert.Equal(PlaceNameChangeStatus.Announced, place.State.Changes[0].Status);
    }

    [Fact]
    public void Rename_UnchangedOrProposedOrBadDate_Refused()
    {
        var place = Draft();
        Assert.Equal("place-name-status", Rule(() => place.CheckRename("淮海中路", "Huaihai Zhonglu", Proposed, "r", Proposed)));
        place.Approve("市人民政府", Proposed, Proposed, Stamp);
        Assert.Equal("place-name-unchanged", Rule(() => place.CheckRename("南京东路", "Nanjing Donglu", Proposed.AddDays(1), "r", Proposed)));
        Assert.Equal("rename-effective-date", Rule(() => place.CheckRename("淮海中路", "Huaihai Zhonglu", Proposed.AddDays(-1), "r", Proposed)));
        Assert.Equal("field-required", Rule(() => place.CheckRename("淮海中路", "Huaihai Zhonglu", Proposed.AddDays(1), " ", Proposed)));
        Assert.Equal("place-name-change-not-found", Rule(() => place.ApproveChange(1, "市人民政府", Proposed, Proposed, Stamp)));
    }

    [Fact]
    public void ChangeApproval_InTheFutureOrBeforeItsProposal_RefusedAndNothingChanges()
    {
        var place = Draft();
        place.Approve("市人民政府", Proposed, Proposed, Stamp);
        var today = Proposed.AddDays(5);
        var number = place.ProposeAbolition("撤销", today.AddDays(20), today, Stamp);
        Assert.Equal("approval-date-future", Rule(() => place.ApproveChange(number, "市人民政府", today.AddDays(1), today, Stamp)));
        Assert.Equal("approval-date-before-proposal", Rule(() => place.ApproveChange(number, "市人民政府", today.AddDays(-1), today, Stamp)));
        Assert.Equal("field-required", Rule(() => place.ApproveChange(number, " ", today, today, Stamp)));
        Assert.Equal("place-name-change-not-approved", Rule(() => place.AnnounceChange(number, today, Stamp)));
        Assert.Equal(PlaceNameChangeStatus.Proposed, place.State.Changes[0].Status);
        Assert.Null(place.State.Names[0].ValidTo);
    }

    [Fact]
    public void Abolition_InForceFromItsDate_ThenNoKeysAndNoFurtherChange()
    {
        var place = Draft();
        Assert.Equal("place-name-status", Rule(() => place.ProposeAbolition("撤销", null, Proposed, Stamp)));
        place.Approve("市人民政府", Proposed, Proposed, Stamp);
        var today = Proposed.AddDays(1);
        Assert.Equal("field-required", Rule(() => place.ProposeAbolition(null, null, today, Stamp)));
        Assert.Equal("abolition-effective-date", Rule(() => place.ProposeAbolition("撤销", Proposed.AddDays(-1), today, Stamp)));
        var effective = today.AddDays(60);
        var number = place.ProposeAbolition("撤销", effective, today, Stamp);
        place.ApproveChange(number, "市人民政府", today, today, Stamp);
        Assert.Equal(PlaceNameStatus.Approved, place.StatusOn(effective.AddDays(-1)));
        Assert.Equal(["k1", "k2"], place.ClaimKeysOn(effective.AddDays(-1)));
        Assert.Equal(PlaceNameStatus.Abolished, place.StatusOn(effective));
        Assert.Empty(place.ClaimKeysOn(effective));
        Assert.Equal(effective, place.State.Names[^1].ValidTo);
        Assert.Equal("place-name-status", Rule(() => place.ProposeAbolition("again", null, effective, Stamp)));
    }

    [Fact]
    public void RejectChange_GivesBackTheNewNamesKeysOnly()
    {
        var place = Draft();
        place.Approve("市人民政府", Proposed, Proposed, Stamp);
        var number = place.ProposeRename("淮海中路", "Huaihai Zhonglu", null, Proposed.AddDays(3), "更名", ["k3", "k2"], Proposed, "", Stamp);
        Assert.Equal("field-required", Rule(() => place.RejectChange(number, " ", null, Proposed, Stamp)));
        var released = place.RejectChange(number, " 不符合命名原则 ", null, Proposed, Stamp);
        Assert.Equal(["k3"], released);
        Assert.Equal(["k1", "k2"], place.ClaimKeysOn(Proposed.AddDays(10)));
        Assert.Equal("南京东路", place.NameOn(Proposed.AddDays(10)).Name);
        Assert.Equal("不符合命名原则", place.State.Changes[0].RejectionReasons);
        Assert.Equal("place-name-change-status", Rule(() => place.RejectChange(number, "again", null, Proposed, Stamp)));
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
