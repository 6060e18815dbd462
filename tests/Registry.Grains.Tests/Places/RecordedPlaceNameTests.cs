using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Grains.Places;

namespace Registry.Grains.Tests.Places;

/// <summary>Names in force entered from existing records (status recorded): the aggregate's rules, without a cluster,
/// on real townships of the shipped list.</summary>
public sealed class RecordedPlaceNameTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly PlaceNameStamp Stamp = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero), "registrar-1");

    /// <summary>A township of the shipped list whose name is Han characters only and ends in 街道.</summary>
    private static readonly Lazy<(string Code, string Name, string County)> township = new(() =>
        ReferenceDivisions.All.Where(d => d.Level == DivisionLevel.Township && d.Name.EndsWith("街道", StringComparison.Ordinal)
                                          && d.Name.All(c => c is >= '\u4E00' and <= '\u9FFF'))
            .Select(d => (d.Code, d.Name, d.ParentCode!)).Skip(100).First());

    private static RecordPlaceName Command(string? romanization = null, string? authority = null, DateOnly? approvedOn = null) =>
        new(township.Value.Name, romanization, PlaceCategory.AdministrativeDivision, township.Value.Code, null, authority,
            approvedOn, "地名档案.csv line 2");

    private static PlaceName Recorded(RecordPlaceName command) =>
        PlaceName.RecordInForce("r1", command, township.Value.County, "某省 某市 某县", Today, Stamp);

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;

    [Fact]
    public void Record_WithoutSpelling_TakesTheLikelySpellingAndHoldsItsKeys()
    {
        var place = Recorded(Command());
        var likely = PlaceSpelling.Suggest(township.Value.Name, PlaceCategory.AdministrativeDivision).Romanization;
        Assert.Equal(PlaceNameStatus.Recorded, place.State.Status);
        Assert.Equal(likely, place.State.Romanization);
        Assert.Equal(DuplicateScope.ClaimKeys(township.Value.County, PlaceCategory.AdministrativeDivision,
            township.Value.Name, likely), place.State.ClaimKeys);
        Assert.Equal(place.State.ClaimKeys, place.ClaimKeysOn(Today));
        Assert.Null(place.State.ApprovedOn);
        Assert.Equal(Today, place.State.ProposedOn);
        var recorded = Assert.Single(place.State.Events);
        Assert.Equal(PlaceNameEventKind.Recorded, recorded.Kind);
        Assert.Equal("地名档案.csv line 2", recorded.Reason);
    }

    [Fact]
    public void Record_WithApproval_KeepsTheRealApprovalDate()
    {
        var approved = Today.AddYears(-30);
        var place = Recorded(Command(authority: " 县人民政府 ", approvedOn: approved));
        Assert.Equal("县人民政府", place.State.ApprovingAuthority);
        Assert.Equal(approved, place.State.ApprovedOn);
        Assert.Equal(approved, place.State.ProposedOn);
    }

    [Fact]
    public void Record_BadApprovalOrSpelling_Refused()
    {
        Assert.Equal("approval-incomplete", Rule(() => Recorded(Command(authority: "县人民政府"))));
        Assert.Equal("approval-incomplete", Rule(() => Recorded(Command(approvedOn: Today))));
        Assert.Equal("approval-date-future", Rule(() => Recorded(Command(authority: "县人民政府", approvedOn: Today.AddDays(1)))));
        var likely = PlaceSpelling.Suggest(township.Value.Name, PlaceCategory.AdministrativeDivision).Romanization;
        Assert.StartsWith("romanization-", Rule(() => Recorded(Command(romanization: likely.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()))));
        Assert.Equal("field-required", Rule(() => PlaceName.RecordInForce("r1", Command() with { Source = " " },
            township.Value.County, "", Today, Stamp)));
    }

    [Fact]
    public void Records_TheSameParticularsOnly()
    {
        var place = Recorded(Command(authority: "县人民政府", approvedOn: Today.AddYears(-3)));
        Assert.True(place.Records(Command(authority: "县人民政府", approvedOn: Today.AddYears(-3)) with { Source = "再次导入 line 9" }));
        Assert.True(place.Records(Command(place.State.Romanization, "县人民政府", Today.AddYears(-3))));
        Assert.False(place.Records(Command(authority: "县人民政府", approvedOn: Today.AddYears(-4))));
        Assert.False(place.Records(Command()));
        Assert.Equal(PlaceName.RecordedId(Command()), PlaceName.RecordedId(Command() with { Source = "other.csv line 7" }));
        Assert.NotEqual(PlaceName.RecordedId(Command()), PlaceName.RecordedId(Command(authority: "县人民政府", approvedOn: Today)));
    }

    [Fact]
    public void Flag_NotesTheNamesItDuplicatesInStateAndHistory()
    {
        var place = Recorded(Command());
        place.Flag(["X (x, id a)", "X (x, id a)"]);
        Assert.Equal(["X (x, id a)"], place.State.Flags);
        Assert.Contains("flagged", place.State.Events[^1].Detail, StringComparison.Ordinal);
        Assert.Equal(PlaceNameStatus.Recorded, place.State.Status);
    }

    [Fact]
    public void RecordedName_IsRenamedAndAbolishedLikeAnAnnouncedOne()
    {
        var place = Recorded(Command(authority: "县人民政府", approvedOn: Today.AddYears(-3)));
        var other = ReferenceDivisions.All.First(d => d.Level == DivisionLevel.Township && d.Name.EndsWith("街道", StringComparison.Ordinal)
                                                      && d.Name != township.Value.Name && d.Name.All(c => c is >= '\u4E00' and <= '\u9FFF'));
        var spelling = PlaceSpelling.Suggest(other.Name, PlaceCategory.AdministrativeDivision).Romanization;
        var reason = place.CheckRename(other.Name, spelling, Today.AddDays(30), "更名批复", Today);
        place.ProposeRename(other.Name, spelling, null, Today.AddDays(30), reason, ["k"], Today, null, Stamp);
        place.ApproveChange(1, "市人民政府", Today, Today, Stamp);
        Assert.Equal(township.Value.Name, place.NameOn(Today).Name);
        Assert.Equal(other.Name, place.NameOn(Today.AddDays(30)).Name);
    }

    [Fact]
    public void PlaceNameCode_DivisionCategorySerial_TheListsBelowTheRegistrysSerials()
    {
        var prefix = PlaceNameCode.Prefix(township.Value.Code, PlaceCategory.Street);
        Assert.Equal(township.Value.Code + "05", prefix);
        Assert.Equal(township.Value.Code + "0501000", PlaceNameCode.Compose(prefix, PlaceNameCode.FirstRegistrySerial));
        Assert.Equal(township.Value.County + "000" + "0200" + township.Value.Code[^3..],
            PlaceNameCode.OfListed(township.Value.Code, township.Value.County, PlaceCategory.AdministrativeDivision));
        Assert.All([PlaceNameCode.Compose(prefix, 1), PlaceNameCode.Compose(prefix, PlaceNameCode.MaxSerial)],
            code => Assert.Equal(PlaceNameCode.Length, code.Length));
        Assert.Equal("place-name-code-exhausted", Rule(() => PlaceNameCode.Compose(prefix, PlaceNameCode.MaxSerial + 1)));
    }

    [Fact]
    public void AssignCode_OnceGiven_NeverChanges()
    {
        var place = Recorded(Command());
        place.AssignCode("a");
        place.AssignCode("b");
        Assert.Equal("a", place.State.Code);
        Assert.EndsWith("code a", place.State.Events[^1].Detail, StringComparison.Ordinal);
    }
}
