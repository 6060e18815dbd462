using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Grains.Places;

namespace Registry.Grains.Tests.Places;

/// <summary>The GB/T 16159 spelling rules over the shipped table, on township names of the shipped division lists.</summary>
public sealed class PlaceSpellingTests
{
    private static IReadOnlyList<string> TownshipNames(int count) =>
        ReferenceDivisions.All
            .Where(d => d.Level == DivisionLevel.Township)
            .Select(d => d.Names[0].Value)
            .Where(name => name.All(c => c is >= '\u4E00' and <= '\u9FFF'))
            .Take(count)
            .ToList();

    [Fact]
    public void Syllables_DerivedFromTable_AreTheMandarinInventory()
    {
        var table = PinyinTable.Shared;
        Assert.True(table.CharacterCount > 20_000, $"{table.CharacterCount} characters");
        // Standard Mandarin has about 410 toneless syllables; the table adds a few interjection readings (hm, ng...).
        Assert.InRange(table.Syllables.Count, 400, 440);
        Assert.All(table.Syllables, s => Assert.Matches("^[a-zêü]+$", s));
    }

    [Fact]
    public void Suggest_ThenCheck_AcceptsTheSuggestionForEveryTownshipName()
    {
        foreach (var name in TownshipNames(3_000))
        {
            var suggestion = PlaceSpelling.Suggest(name, PlaceCategory.AdministrativeDivision);
            PlaceSpelling.CheckSpelling(name, suggestion.Romanization, PlaceCategory.AdministrativeDivision);
            Assert.Equal(PinyinTable.CodePoints(name).Count, suggestion.Characters.Count);
        }
    }

    [Fact]
    public void Suggest_SeparatesGenericFromAMultiCharacterSpecific()
    {
        var name = TownshipNames(41_000).First(n => n.EndsWith("街道", StringComparison.Ordinal) && n.Length >= 5);
        var words = PlaceSpelling.Suggest(name, PlaceCategory.AdministrativeDivision).Romanization.Split(' ');
        Assert.Equal(2, words.Length);
        Assert.Equal("Jiedao", words[1]);
        Assert.True(char.IsUpper(words[0][0]));
    }

    [Fact]
    public void Check_ApostropheMissingOrMisplaced_IsRefused()
    {
        var name = TownshipNames(41_000).First(n =>
            PlaceSpelling.Suggest(n, PlaceCategory.AdministrativeDivision).Romanization.Contains('\''));
        var good = PlaceSpelling.Suggest(name, PlaceCategory.AdministrativeDivision).Romanization;
        Assert.Equal("romanization-apostrophe", Rule(() =>
            PlaceSpelling.CheckSpelling(name, good.Replace("'", ""), PlaceCategory.AdministrativeDivision)));

        var plain = TownshipNames(41_000).First(n =>
            PlaceSpelling.Suggest(n, PlaceCategory.AdministrativeDivision).Romanization is var r
            && !r.Contains('\'') && r.Split(' ')[0].Length > 4);
        var spelled = PlaceSpelling.Suggest(plain, PlaceCategory.AdministrativeDivision).Romanization;
        var second = PinyinTable.Shared.ReadingsOf(plain[0])[0].Length;
        Assert.Equal("romanization-apostrophe", Rule(() => PlaceSpelling.CheckSpelling(plain,
            spelled[..second] + "'" + spelled[second..], PlaceCategory.AdministrativeDivision)));
    }

    [Fact]
    public void Check_ReadingOfAnotherCharacter_IsRefused()
    {
        var name = TownshipNames(100)[0];
        var first = PinyinTable.Shared.ReadingsOf(name[0]);
        // A real syllable that is not a reading of the first character.
        var other = PinyinTable.Shared.Syllables.Order(StringComparer.Ordinal).First(s => !first.Contains(s) && s.Length > 1);
        var suggestion = PlaceSpelling.Suggest(name, PlaceCategory.AdministrativeDivision).Romanization;
        var wrong = char.ToUpperInvariant(other[0]) + other[1..] + suggestion[first[0].Length..];
        Assert.Equal("romanization-reading", Rule(() => PlaceSpelling.CheckSpelling(name, wrong, PlaceCategory.AdministrativeDivision)));
    }

    [Fact]
    public void Village_IsOneWord()
    {
        var name = ReferenceDivisions.All.Where(d => d.Level == DivisionLevel.Township)
            .Select(d => d.Names[0].Value).First(n => n.EndsWith('镇') && n.Length >= 3 && n.All(c => c is >= '\u4E00' and <= '\u9FFF'));
        var village = name[..^1] + "村";
        var oneWord = PlaceSpelling.Suggest(village, PlaceCategory.VillageSeat).Romanization;
        Assert.DoesNotContain(' ', oneWord);
        PlaceSpelling.CheckSpelling(village, oneWord, PlaceCategory.VillageSeat);
        var separated = PlaceSpelling.Suggest(name[..^1], PlaceCategory.VillageSeat).Romanization + " Cun";
        Assert.Equal("romanization-word-separation", Rule(() => PlaceSpelling.CheckSpelling(village, separated, PlaceCategory.VillageSeat)));
    }

    [Fact]
    public void DuplicateScope_FollowsTheDivisionHierarchy()
    {
        var town = ReferenceDivisions.All.First(d => d.Level == DivisionLevel.Township && d.Names[0].Value.EndsWith('镇'));
        var lineage = Lineage(town.Code);
        Assert.Equal(town.Code, DuplicateScope.Of(PlaceCategory.Street, lineage));
        Assert.Equal(town.Code, DuplicateScope.Of(PlaceCategory.VillageSeat, lineage));
        Assert.Equal(town.Code[..6], DuplicateScope.Of(PlaceCategory.AdministrativeDivision, lineage));
        Assert.Equal(DuplicateScope.Nationwide, DuplicateScope.Of(PlaceCategory.AdministrativeDivision, Lineage(town.Code[..6])));
        Assert.Equal(town.Code[..6], DuplicateScope.Of(PlaceCategory.Park, lineage));
    }

    /// <summary>Issue 15: a street under 正定县 130123 (no outline places it outside a town) collides with the same
    /// street under its town 正定镇 130123100, while the same street in two towns of the county does not; so for
    /// village-level seats under the county code and under any of its townships.</summary>
    [Fact]
    public void DuplicateScope_ANameUnderTheCountyCollidesWithTheSameNameUnderAnyOfItsTownships()
    {
        var county = Lineage("130123");
        Assert.Equal("正定县", county[0].Name);
        var townships = ReferenceDivisions.All.Where(d => d.ParentCode == "130123" && d.Level == DivisionLevel.Township)
            .Select(d => new DivisionSummary(d.Code, d.Names[0].Value, d.Level, DivisionStatus.InForce)).ToList();
        Assert.Contains(townships, t => t is { Code: "130123100", Name: "正定镇" });
        IReadOnlyList<string> Keys(PlaceCategory category, string code) => DuplicateScope.ClaimKeys(
            code.Length == 6 ? DuplicateScope.Scopes(category, county, townships) : DuplicateScope.Scopes(category, Lineage(code), []),
            category, "燕赵北路", "Yanzhao Beilu");
        bool Collide(PlaceCategory category, string one, string other) => Keys(category, one).Intersect(Keys(category, other)).Any();

        Assert.True(DuplicateScope.NeedsTownships(PlaceCategory.Street, county));
        Assert.True(Collide(PlaceCategory.Street, "130123", "130123100"));
        Assert.True(Collide(PlaceCategory.Street, "130123100", "130123"));
        Assert.True(Collide(PlaceCategory.Street, "130123", "130123"));
        Assert.False(Collide(PlaceCategory.Street, "130123100", "130123102"));
        // A street of a subdistrict (街道) of a county is scoped by the county already.
        Assert.True(Collide(PlaceCategory.Street, "130123", "130123001"));
        Assert.True(Collide(PlaceCategory.VillageSeat, "130123", "130123001"));
        Assert.True(Collide(PlaceCategory.VillageSeat, "130123", "130123100"));
        Assert.False(Collide(PlaceCategory.VillageSeat, "130123001", "130123100"));

        // Other categories, and a name given under a township, keep their one scope.
        Assert.Equal(["130123"], DuplicateScope.Scopes(PlaceCategory.Park, county, townships));
        Assert.Equal([DuplicateScope.Nationwide], DuplicateScope.Scopes(PlaceCategory.AdministrativeDivision, county, townships));
        Assert.False(DuplicateScope.NeedsTownships(PlaceCategory.Street, Lineage("130123100")));
    }

    private static List<DivisionSummary> Lineage(string code)
    {
        var codes = new List<string> { code };
        if (code.Length == 9)
        {
            codes.Add(code[..6]);
        }

        codes.Add(code[..4] + "00");
        codes.Add(code[..2] + "0000");
        return codes.Distinct()
            .Where(c => ReferenceDivisions.All.Any(d => d.Code == c))
            .Select(c => ReferenceDivisions.Get(c))
            .Select(d => new DivisionSummary(d.Code, d.Names[0].Value, d.Level, DivisionStatus.InForce))
            .ToList();
    }

    private static string Rule(Action action) => Assert.Throws<DomainException>(action).Rule;
}
