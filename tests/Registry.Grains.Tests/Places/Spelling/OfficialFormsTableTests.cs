using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Grains.Places;
using Registry.Grains.Places.Spelling;

namespace Registry.Grains.Tests.Places.Spelling;

/// <summary>
/// Table-driven over the shipped, data-derived tables: every official minority-language form (GeoNames, Natural
/// Earth) is the suggestion for its division and is accepted, and the pinyin of its characters is refused; every
/// place reading of the word table is accepted and suggested for its word.
/// </summary>
public sealed class OfficialFormsTableTests
{
    public static TheoryData<string, string> MinorityForms()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in MinorityNames.Shared.Names)
        {
            data.Add(name.DivisionName, name.Romanised);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MinorityForms))]
    public void MinorityForm_SuggestedAndAccepted_PinyinRefused(string division, string romanised)
    {
        var suggestion = PlaceSpelling.Suggest(division, PlaceCategory.AdministrativeDivision).Romanization;
        Assert.StartsWith(romanised + " ", suggestion);
        PlaceSpelling.CheckSpelling(division, suggestion, PlaceCategory.AdministrativeDivision);
        var specific = MinorityNames.Shared.Find(division)!.Specific;
        var pinyin = PlaceSpelling.Suggest(specific + "路", PlaceCategory.Street).Romanization.Split(' ')[0];
        var error = Assert.Throws<DomainException>(() => PlaceSpelling.CheckSpelling(division,
            pinyin + suggestion[romanised.Length..], PlaceCategory.AdministrativeDivision));
        Assert.Equal("romanization-minority-language", error.Rule);
    }

    [Fact]
    public void PlaceReadings_EveryWordOfTheTable_SuggestedWithItsReading()
        => AssertReadings();

    [Theory]
    [InlineData("七都路", "Qidu Lu")]
    [InlineData("三合路", "Sanhe Lu")]
    public void Ordinal_NumeralNotBeforeTheGeneric_PinyinSuggested_ArabicStillAccepted(string name, string spelling)
    {
        Assert.Equal(spelling, PlaceSpelling.Suggest(name, PlaceCategory.Street).Romanization);
        PlaceSpelling.CheckSpelling(name, spelling, PlaceCategory.Street);
    }

    private static void AssertReadings()
    {
        var failures = new List<string>();
        var rows = typeof(PlaceReadings).Assembly.GetManifestResourceStream("Registry.Grains.Places.place-readings.txt")!;
        using var reader = new StreamReader(rows);
        var count = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts[0].Contains('儿', StringComparison.Ordinal))
            {
                continue; // rule 12 writes a 儿 inside a word as the erhua r (站儿巷 Zhanrxiang), not as its reading er
            }

            var syllables = parts[1].Split(' ');
            var expected = char.ToUpperInvariant(syllables[0][0]) + syllables[0][1..]
                + string.Concat(syllables.Skip(1).Select(s => (s[0] is 'a' or 'o' or 'e' ? "'" : "") + s));
            // As a natural village the word is one word, so the suggestion is its reading alone.
            var name = parts[0];
            var suggestion = PlaceSpelling.Suggest(name, PlaceCategory.VillageSeat).Romanization;
            if (suggestion != expected)
            {
                failures.Add($"{name}: {suggestion}, expected {expected} ...");
            }

            count++;
        }

        Assert.True(count > 500, $"{count} words");
        Assert.Empty(failures);
    }
}
