using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;

namespace Registry.Grains.Tests.Divisions;

[Collection(RegistryClusterCollection.Name)]
public sealed class DivisionGrainTests(RegistryClusterFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private IDivisionGrain Division(string code) => fixture.Grains.GetGrain<IDivisionGrain>(code);

    [Fact]
    public async Task GetAsync_SeededCounty_ReturnsNameAndParentChainFromTheOfficialList()
    {
        var county = ReferenceDivisions.Get("110101");

        var details = await Division(county.Code).GetAsync(Today);

        Assert.Equal(county.Names[0].Value, details.Name);
        Assert.Equal(DivisionLevel.County, details.Level);
        Assert.Equal(DivisionStatus.InForce, details.Status);
        var prefecture = ReferenceDivisions.Get(county.Parents[0].Value);
        var province = ReferenceDivisions.Get(prefecture.Parents[0].Value);
        Assert.Equal([prefecture.Code, province.Code], details.ParentChain.Select(p => p.Code));
        Assert.Equal([prefecture.Names[0].Value, province.Names[0].Value], details.ParentChain.Select(p => p.Name));
        Assert.Equal([DivisionLevel.Prefecture, DivisionLevel.Province], details.ParentChain.Select(p => p.Level));
    }

    [Fact]
    public async Task GetAsync_UnrecordedCode_ThrowsDivisionNotFound()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Division(ReferenceDivisions.UnrecordedCountyCode()).GetAsync(Today));

        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Equal("division-not-found", error.Rule);
    }

    [Fact]
    public async Task GetChildrenAsync_County_ListsItsTownshipsInCodeOrder()
    {
        var county = ReferenceDivisions.CountyWithTownships(1);

        var children = await Division(county.Code).GetChildrenAsync(Today);

        Assert.Equal(county.Children.Select(c => c.Code).Order(StringComparer.Ordinal), children.Select(c => c.Code));
        Assert.All(children, child => Assert.Equal(DivisionLevel.Township, child.Level));
        Assert.Equal(ReferenceDivisions.NameOf(children[0].Code), children[0].Name);
    }

    [Fact]
    public async Task RenameAsync_FutureDate_ChangesTheNameFromThatDateOnlyAndKeepsBothInHistory()
    {
        var county = ReferenceDivisions.CountyWithTownships(5);
        var oldName = county.Names[0].Value;
        var effective = Today.AddDays(10);

        var recorded = await Division(county.Code).RenameAsync(
            new RenameDivision(oldName + "新区", effective, "State Council approval (test)"));

        Assert.Equal(DivisionEventKind.Renamed, recorded.Kind);
        Assert.Equal(oldName, recorded.PreviousName);
        Assert.Equal(oldName, (await Division(county.Code).GetAsync(effective.AddDays(-1))).Name);
        Assert.Equal(oldName + "新区", (await Division(county.Code).GetAsync(effective)).Name);
        var history = await Division(county.Code).GetHistoryAsync();
        Assert.Equal([DivisionEventKind.Recorded, DivisionEventKind.Renamed], history.Select(e => e.Kind));
        Assert.Equal(oldName, history[0].Name);
        Assert.Equal(oldName + "新区", history[1].Name);
        var names = (await Division(county.Code).GetAsync(Today)).Names;
        Assert.Equal([new DivisionNamePeriod(oldName, null, effective), new DivisionNamePeriod(oldName + "新区", effective, null)],
            names);
    }

    [Fact]
    public async Task RenameAsync_NotAfterTheLastChange_IsRefusedAndChangesNothing()
    {
        var county = ReferenceDivisions.CountyWithTownships(6);
        var first = Today.AddDays(30);
        await Division(county.Code).RenameAsync(new RenameDivision("甲" + county.Names[0].Value, first, "first"));

        var error = await Assert.ThrowsAsync<DomainException>(() => Division(county.Code)
            .RenameAsync(new RenameDivision("乙" + county.Names[0].Value, first.AddDays(-1), "earlier")));

        Assert.Equal("division-change-order", error.Rule);
        Assert.Equal(DomainErrorKind.RuleViolation, error.Kind);
        Assert.Equal(2, (await Division(county.Code).GetHistoryAsync()).Count);
    }

    [Fact]
    public async Task RenameAsync_SameName_IsRefusedAsUnchanged()
    {
        var county = ReferenceDivisions.CountyWithTownships(7);

        var error = await Assert.ThrowsAsync<DomainException>(() => Division(county.Code)
            .RenameAsync(new RenameDivision(county.Names[0].Value, Today, "no change")));

        Assert.Equal("division-name-unchanged", error.Rule);
    }

    [Fact]
    public async Task MergeIntoAsync_Sibling_EndsTheDivisionAndMovesItsTownshipsToTheSuccessor()
    {
        var source = ReferenceDivisions.CountyWithTownships(10);
        var target = ReferenceDivisions.All.First(d =>
            d.Level == DivisionLevel.County && d.Code != source.Code && d.Parents[0].Value == source.Parents[0].Value);
        var parent = source.Parents[0].Value;
        var effective = Today.AddDays(1);
        var township = source.Children[0].Code;

        await Division(source.Code).MergeIntoAsync(new MergeDivision(target.Code, effective, "merger approved (test)"));

        var before = await Division(source.Code).GetAsync(Today);
        var after = await Division(source.Code).GetAsync(effective);
        Assert.Equal(DivisionStatus.InForce, before.Status);
        Assert.Equal(DivisionStatus.Merged, after.Status);
        Assert.Equal(target.Code, after.SuccessorCode);
        Assert.Contains(township, (await Division(target.Code).GetChildrenAsync(effective)).Select(c => c.Code));
        Assert.DoesNotContain(township, (await Division(target.Code).GetChildrenAsync(Today)).Select(c => c.Code));
        Assert.Equal(source.Code, (await Division(township).GetAsync(Today)).ParentChain[0].Code);
        Assert.Equal(target.Code, (await Division(township).GetAsync(effective)).ParentChain[0].Code);
        Assert.Contains(source.Code, (await Division(parent).GetChildrenAsync(Today)).Select(c => c.Code));
        Assert.DoesNotContain(source.Code, (await Division(parent).GetChildrenAsync(effective)).Select(c => c.Code));
        Assert.Contains(await Division(target.Code).GetHistoryAsync(),
            e => e.Kind == DivisionEventKind.Absorbed && e.RelatedCode == source.Code);
    }

    [Fact]
    public async Task MergeIntoAsync_DivisionOfAnotherLevel_IsRefused()
    {
        var source = ReferenceDivisions.CountyWithTownships(11);

        var error = await Assert.ThrowsAsync<DomainException>(() => Division(source.Code)
            .MergeIntoAsync(new MergeDivision(source.Parents[0].Value, Today, "wrong level")));

        Assert.Equal("merge-level-mismatch", error.Rule);
        Assert.Equal(DivisionStatus.InForce, (await Division(source.Code).GetAsync(Today.AddYears(1))).Status);
    }

    [Fact]
    public async Task AbolishAsync_DivisionWithTownships_IsRefused()
    {
        var county = ReferenceDivisions.CountyWithTownships(20);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Division(county.Code).AbolishAsync(new AbolishDivision(Today, "abolition (test)")));

        Assert.Equal("division-has-children", error.Rule);
    }

    [Fact]
    public async Task AbolishAsync_Township_EndsItAndRemovesItFromItsCountyFromThatDate()
    {
        var county = ReferenceDivisions.CountyWithTownships(21);
        var township = county.Children[^1].Code;
        var effective = Today.AddDays(3);

        await Division(township).AbolishAsync(new AbolishDivision(effective, "abolition approved (test)"));

        Assert.Equal(DivisionStatus.Abolished, (await Division(township).GetAsync(effective)).Status);
        Assert.Equal(DivisionStatus.InForce, (await Division(township).GetAsync(Today)).Status);
        Assert.Contains(township, (await Division(county.Code).GetChildrenAsync(Today)).Select(c => c.Code));
        Assert.DoesNotContain(township, (await Division(county.Code).GetChildrenAsync(effective)).Select(c => c.Code));
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            Division(township).AbolishAsync(new AbolishDivision(effective.AddDays(1), "again")));
        Assert.Equal("division-not-in-force", again.Rule);
    }

}
