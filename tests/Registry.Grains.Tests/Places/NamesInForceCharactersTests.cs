using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Text;
using Registry.Grains.Places;

namespace Registry.Grains.Tests.Places;

/// <summary>
/// Names already in force written with characters outside the standard a new name meets (issue 15, item 2): recorded
/// as written, status recorded, flagged <c>characters-outside-standard</c> with the classes found, spelled, and found
/// by search; a new name with the same characters is still refused (<c>place-name-han</c>). The rows are real
/// village-level committees of the official list (Places/Data/villages-outside-standard.csv, see ATTRIBUTION.md).
/// </summary>
public sealed class NamesInForceCharactersTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);
    private static readonly PlaceNameStamp Stamp = new(new DateTimeOffset(2026, 12, 4, 2, 0, 0, TimeSpan.Zero), "system");

    /// <summary>code, committee name, township code.</summary>
    private static readonly IReadOnlyList<(string Code, string Committee, string Township)> Rows =
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Places", "Data", "villages-outside-standard.csv")).Skip(1)
            .Select(line => CsvLine.Fields(line)!).Select(f => (f[0], f[1], f[2])).ToList();

    private static (string Code, string Committee, string Township) Row(string code) => Rows.Single(r => r.Code == code);

    private static PlaceName Recorded(string code, string? romanization = null)
    {
        var row = Row(code);
        return PlaceName.RecordInForce(PlaceName.StockId(code), new RecordPlaceName(VillageSeats.NameOf(row.Committee),
                romanization, PlaceCategory.VillageSeat, row.Township, null, null, null, $"divisions-2023-villages.csv, code {code}"),
            row.Township, "", Today, Stamp);
    }

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;

    [Fact]
    public void EveryRow_IsRecordedAsWritten_FlaggedNotRefused()
    {
        Assert.Equal(12, Rows.Count);
        foreach (var row in Rows)
        {
            var place = Recorded(row.Code);
            Assert.Equal(PlaceNameStatus.Recorded, place.State.Status);
            Assert.Equal(VillageSeats.NameOf(row.Committee), place.State.Name);
            Assert.NotEmpty(place.State.CharacterFlags);
            Assert.Contains(NameCharacters.Flag, place.State.Events.Single().Detail, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(place.State.Romanization));
            Assert.Contains($"{row.Township}|VillageSeat|h:{place.State.Name}", place.State.ClaimKeys);
        }
    }

    [Theory]
    [InlineData("110108010027", "中国矿业大学（北京）社区", NameCharacters.FullWidthParentheses)]
    [InlineData("110102007013", "铁道部住宅区第二、二社区", NameCharacters.EnumerationComma)]
    [InlineData("110114115008", "温泉花园A区社区", NameCharacters.LatinLetters)]
    [InlineData("331121104234", "上(田本)村", NameCharacters.Parentheses)]
    [InlineData("210204009012", "幸福ｅ家社区", NameCharacters.LatinLetters)]
    [InlineData("420684103229", "高\uE170村", NameCharacters.PrivateUse)]
    [InlineData("500107003013", "华润·凌江社区", NameCharacters.Punctuation)]
    [InlineData("451302107210", "那𡌶村", NameCharacters.HanWithoutReading)]
    public void Flag_NamesTheClassOfCharactersFound(string code, string name, string characterClass)
    {
        var place = Recorded(code);
        Assert.Equal(name, place.State.Name);
        Assert.Equal([characterClass], place.State.CharacterFlags);
        var found = Assert.Single(PlaceSpelling.CheckNameInForce(name));
        Assert.Equal(characterClass, found.Class);
        // The report names the characters; a private-use one by its code point (no common font draws it).
        Assert.Equal(characterClass == NameCharacters.PrivateUse ? "U+E170" : null,
            found.Characters.StartsWith("U+", StringComparison.Ordinal) ? found.Characters : null);
        // A new name with these characters does not follow the standard: one rule, refused as before.
        Assert.Equal("place-name-han", Rule(() => PlaceName.CheckNaming(name, place.State.Romanization, PlaceCategory.VillageSeat, null)));
        Assert.Equal("place-name-han", Rule(() => PlaceSpelling.CheckName(name)));
    }

    [Fact]
    public void Spelling_QualifierSpelledInParentheses_LatinKept_UnreadableCharacterKeptAndNoSpellingKey()
    {
        Assert.Equal("Zhongguokuangyedaxue (Beijing) Shequ", Recorded("110108010027").State.Romanization);
        Assert.Equal("Wenquanhuayuan A Qu Shequ", Recorded("110114115008").State.Romanization);
        Assert.Equal("Tiedaobuzhuzhaiqudi'er, Er Shequ", Recorded("110102007013").State.Romanization);
        // The seat's own name spelled as the rules spell it alone (扎 takes the table's first reading), its qualifier after.
        Assert.Equal(PlaceSpelling.Suggest("北扎兰营子村", PlaceCategory.VillageSeat).Romanization + " (Yifenchang)",
            Recorded("211321400200").State.Romanization);
        Assert.Equal("Huarun·Lingjiang Shequ", Recorded("500107003013").State.Romanization);

        // 𡌶 has no reading in the table: kept as written; the spelling does not claim a homophone key it may not have.
        var unreadable = Recorded("451302107210");
        Assert.Contains("𡌶", unreadable.State.Romanization, StringComparison.Ordinal);
        Assert.Equal([$"451302107|VillageSeat|h:那𡌶村"], unreadable.State.ClaimKeys);
        Assert.Contains("spelling incomplete", unreadable.State.Events.Single().Detail, StringComparison.Ordinal);

        // A spelling the records give is kept as given.
        Assert.Equal("Wenquan Huayuan A Qu Shequ", Recorded("110114115008", " Wenquan Huayuan A Qu Shequ ").State.Romanization);
    }

    [Fact]
    public void NameInForce_ThatCannotBeWrittenText_IsRefused()
    {
        var row = Row("110114115008");
        RecordPlaceName Named(string name) =>
            new(name, null, PlaceCategory.VillageSeat, row.Township, null, null, null, "地名档案.csv line 2");
        Assert.Equal("place-name-characters",
            Rule(() => PlaceName.RecordInForce("r1", Named("温泉\u0001花园"), row.Township, "", Today, Stamp)));
        Assert.Equal("place-name-characters",
            Rule(() => PlaceName.RecordInForce("r1", Named("温泉\u200B花园"), row.Township, "", Today, Stamp)));
        Assert.Equal("place-name-han", Rule(() => PlaceName.RecordInForce("r1", Named("（）、"), row.Township, "", Today, Stamp)));
        Assert.Equal("field-required", Rule(() => PlaceName.RecordInForce("r1", Named(" "), row.Township, "", Today, Stamp)));
    }

    [Fact]
    public void StandardNameInForce_IsUnflagged_AndItsSpellingStillChecked()
    {
        var row = Row("110114115008");
        var command = new RecordPlaceName("温泉花园社区", null, PlaceCategory.VillageSeat, row.Township, null, null, null, "x");
        var place = PlaceName.RecordInForce("r1", command, row.Township, "", Today, Stamp);
        Assert.Empty(place.State.CharacterFlags);
        Assert.Equal(2, place.State.ClaimKeys.Count);
        Assert.StartsWith("romanization-",
            Rule(() => PlaceName.RecordInForce("r1", command with { Romanization = "wenquan" }, row.Township, "", Today, Stamp)));
    }

    [Fact]
    public void VillageSeatName_KeepsAQualifierAfterTheCommitteeWords()
    {
        Assert.Equal("北扎兰营子村（一分场）", VillageSeats.NameOf(Row("211321400200").Committee));
        Assert.Equal("合隆（合隆经济开发区）（省级）", VillageSeats.NameOf(Row("220103171100").Committee));
        // The words in brackets are not the committee's: the name stays as listed.
        Assert.Equal("白庙村农工商联合公司（村委会）", VillageSeats.NameOf(Row("120113100208").Committee));
        Assert.Equal("(土郎)头村", VillageSeats.NameOf(Row("445321101209").Committee));
    }

    [Fact]
    public void Search_FindsThemByCharactersWithOrWithoutBrackets_AndByThePinyinOfTheStandardPart()
    {
        var searcher = new PlaceNameSearcher();
        foreach (var row in Rows)
        {
            Assert.True(searcher.Apply(PlaceNameViews.IndexEntry(Recorded(row.Code).State, Today)));
        }

        IReadOnlyList<string> Find(string text) =>
            searcher.Search(new PlaceNameQuery(text, null, null, null, null, null, false, true, null, 0, 20))
                .Items.Select(h => h.Entry.Id).ToList();

        const string university = "stats-110108010027";
        Assert.Equal([university], Find("中国矿业大学（北京）社区"));
        Assert.Equal([university], Find("中国矿业大学北京社区"));
        Assert.Equal([university], Find("矿业大学(北京"));
        Assert.Equal([university], Find("Beijing Shequ"));
        Assert.Equal([university], Find("kuangyedaxue"));
        Assert.Equal(["stats-110114115008"], Find("温泉花园A区"));
        Assert.Equal(["stats-110114115008"], Find("wenquanhuayuan a"));
        Assert.Equal(["stats-210204009012"], Find("幸福e家"));
        Assert.Equal(["stats-110102007013"], Find("第二二社区"));
        Assert.Equal(["stats-451302107210"], Find("那𡌶"));
        Assert.Equal(["stats-420684103229"], Find("高\uE170"));
    }
}
