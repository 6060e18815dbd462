using System.Globalization;
using System.Text.Json.Nodes;
using Registry.Abstractions.Places;
using Registry.Grains.Places;

namespace Registry.Grains.Tests.Places;

/// <summary>
/// <see cref="PlaceNameSearcher"/>'s text search reads packed copies of the entries' texts, status and category; these
/// tests hold it to the same rules applied to the entries themselves (<see cref="PlaceNameIndex.TryCandidate"/> over
/// every entry, ordered by <see cref="PlaceNameIndex.CandidateOrder"/>), for real names (the GeoNames cities and the
/// village names of the test data) with former names, aliases, every status and several categories, before and
/// after rounds of changes that replace entries and make the searcher pack its texts again.
/// </summary>
public sealed class PlaceNameSearcherTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Places", "Data");

    private static readonly string[] Names = LoadNames();

    private static string[] LoadNames()
    {
        var cities = JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "cities-excerpt.json")))!.AsArray()
            .Select(c => (string)c!["name"]!);
        var villages = File.ReadLines(Path.Combine(Data, "villages-excerpt.csv")).Skip(1).Select(l => l.Split(',')[1]);
        return cities.Concat(villages).ToArray();
    }

    private static readonly PlaceNameStatus[] Statuses = Enum.GetValues<PlaceNameStatus>();
    private static readonly PlaceCategory[] Categories = Enum.GetValues<PlaceCategory>();

    /// <summary>Entry <paramref name="i"/> at <paramref name="revision"/>: its name, status and category move with the
    /// revision; every third has a former name and every fifth an alias (other real names of the data).</summary>
    private static PlaceNameIndexEntry Entry(int i, int revision)
    {
        var name = Names[(i + revision * 7) % Names.Length];
        var former = i % 3 == 0 ? Names[(i + 11) % Names.Length] : null;
        var alias = i % 5 == 0 ? Names[(i + 23) % Names.Length] : null;
        var spelling = name.Any(c => c > 0x2E80) ? "" : name;
        var others = new List<PlaceNameIndexName>();
        if (alias is not null)
        {
            others.Add(new PlaceNameIndexName(alias, "", PlaceNameViews.SearchText(alias), "", PlaceNameMatchKind.Alias));
        }

        if (former is not null)
        {
            others.Add(new PlaceNameIndexName(former, former, PlaceNameViews.SearchText(former),
                PlaceNameViews.SearchText(former), PlaceNameMatchKind.Former));
        }

        var x = 100 + i % 20;
        var y = 20 + i % 15;
        return new PlaceNameIndexEntry($"p{i}", name, spelling, PlaceNameViews.SearchText(name),
            PlaceNameViews.SearchText(spelling), [], Categories[(i + revision) % Categories.Length],
            (110101 + i % 4 * 100).ToString(CultureInfo.InvariantCulture), Statuses[(i * 3 + revision) % Statuses.Length],
            x, y, x, y, x, y, "", null, null, new DateOnly(2020, 1, 1).AddDays(i), null, null, revision)
        {
            OtherNames = others,
        };
    }

    /// <summary>Fragments of the names (beginnings, middles, single characters), with and without the filters.</summary>
    private static IEnumerable<PlaceNameQuery> Queries()
    {
        var random = new Random(4);
        for (var n = 0; n < 120; n++)
        {
            var name = Names[random.Next(Names.Length)];
            var from = random.Next(Math.Max(1, name.Length - 1));
            var text = name.Substring(from, Math.Min(name.Length - from, 1 + random.Next(4)));
            var query = new PlaceNameQuery(text, null, null, null, null, null, n % 2 == 0, n % 3 == 0, null, 0, 5 + n % 20);
            yield return (n % 7) switch
            {
                1 => query with { Category = Categories[n % Categories.Length] },
                2 => query with { DivisionPrefix = "110201" },
                3 => query with { Skip = 3 },
                4 => query with { Text = null },
                _ => query,
            };
        }
    }

    private static void AssertSameAsEveryEntryRead(PlaceNameSearcher searcher, IReadOnlyList<PlaceNameIndexEntry> entries)
    {
        foreach (var query in Queries())
        {
            var text = PlaceNameIndex.Normalized(query.Text);
            var expected = entries
                .Select(e => PlaceNameIndex.TryCandidate(e, query, text, null, null, out var c) ? c : (PlaceNameCandidate?)null)
                .OfType<PlaceNameCandidate>()
                .Order(PlaceNameIndex.CandidateOrder(query))
                .ToList();

            var page = searcher.Search(query);

            Assert.Equal(expected.Count, page.Total);
            Assert.Equal(
                expected.Take(query.Skip + query.Take).Select(c => Describe(c.ToHit())),
                page.Items.Select(Describe));
        }
    }

    private static string Describe(PlaceNameHit hit) =>
        $"{hit.Entry.Id}@{hit.Entry.Revision} {hit.MatchedName} {hit.MatchKind} {hit.MatchQuality}";

    [Fact]
    public void TextSearch_FromThePackedTexts_AnswersAsTheRulesOverEveryEntry_BeforeAndAfterChanges()
    {
        var searcher = new PlaceNameSearcher();
        var entries = Enumerable.Range(0, Names.Length).Select(i => Entry(i, 1)).ToList();
        entries.ForEach(e => Assert.True(searcher.Apply(e)));
        Assert.True(Queries().Count(q => PlaceNameIndex.Normalized(q.Text) is { } t && searcher.Search(q).Total > 0) > 60,
            "most sampled fragments find something");
        AssertSameAsEveryEntryRead(searcher, entries);

        // Enough new revisions that the replaced texts outgrow the live ones, so the searcher packs them again.
        for (var revision = 2; revision <= 40; revision++)
        {
            for (var i = revision % 2; i < entries.Count; i += 2)
            {
                entries[i] = Entry(i, revision);
                Assert.True(searcher.Apply(entries[i]));
            }

            if (revision % 13 == 0)
            {
                AssertSameAsEveryEntryRead(searcher, entries);
            }
        }

        AssertSameAsEveryEntryRead(searcher, entries);
        searcher.Restored();
        AssertSameAsEveryEntryRead(searcher, entries);
    }
}
