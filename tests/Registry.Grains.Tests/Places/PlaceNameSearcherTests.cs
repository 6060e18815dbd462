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

    /// <summary>
    /// The API's copy keeps one searcher per partition, each restored from the partition's snapshot image, and
    /// searches them together: every kind of query (text with its filters, paging, nearest, box) must answer exactly
    /// as one searcher holding every entry, before and after changes applied to the partitions' searchers.
    /// </summary>
    [Fact]
    public void PartitionSearchers_RestoredFromTheirImages_AnswerAsOneSearcherOverEveryEntry()
    {
        var whole = new PlaceNameSearcher();
        var entries = Enumerable.Range(0, Names.Length).Select(i => Entry(i, 1)).ToList();
        entries.ForEach(e => whole.Apply(e));
        var parts = Enumerable.Range(0, PlaceNameIndex.PartitionCount).Select(p =>
        {
            var written = new PlaceNameSearcher();
            foreach (var entry in entries.Where(e => PlaceNameIndex.PartitionOf(e.Id) == p))
            {
                written.Apply(entry);
            }

            var restored = new PlaceNameSearcher();
            Assert.True(PlaceNameIndexSnapshot.TryRead(PlaceNameIndexSnapshot.Write(written.Index), restored.Index));
            restored.Restored();
            return restored;
        }).ToList();
        Assert.True(parts.Count(p => p.Count > 0) > 8, "the entries are spread over the partitions");

        AssertSameAsOne(whole, parts);
        for (var i = 0; i < entries.Count; i += 3)
        {
            var changed = Entry(i, 2);
            whole.Apply(changed);
            parts[PlaceNameIndex.PartitionOf(changed.Id)].Apply(changed);
        }

        AssertSameAsOne(whole, parts);
    }

    private static void AssertSameAsOne(PlaceNameSearcher whole, IReadOnlyList<PlaceNameSearcher> parts)
    {
        var random = new Random(15);
        var queries = Queries().ToList();
        for (var n = 0; n < 40; n++)
        {
            var near = new GeoPoint(100 + random.NextDouble() * 25, 18 + random.NextDouble() * 20);
            var query = new PlaceNameQuery(n % 4 == 0 ? Names[random.Next(Names.Length)][..1] : null, null, null, null,
                null, near, n % 2 == 0, n % 3 == 0, null, n % 5, 1 + n % 30);
            queries.Add(query);
            queries.Add(query with { Near = null, Box = new BoundingBox(near.Longitude - 3, near.Latitude - 2, near.Longitude + 3, near.Latitude + 2) });
        }

        foreach (var query in queries)
        {
            var expected = whole.Search(query);
            var page = PlaceNameSearcher.Search(parts, query);
            Assert.Equal(expected.Total, page.Total);
            Assert.Equal(expected.Items.Select(h => Describe(h) + " " + h.DistanceMeters),
                page.Items.Select(h => Describe(h) + " " + h.DistanceMeters));
        }

        Assert.True(queries.Count(q => whole.Search(q).Items.Count > 0) > queries.Count / 2, "most queries find something");
    }

    /// <summary>
    /// Every run of four Latin letters in the names (as the beginning of a pinyin or GeoNames name, the commonest
    /// search) is one term of the index, so the searcher counts a match that cannot enter the page without reading its
    /// texts: the page and the count must still be those of the rules over every entry, also for a fragment whose two
    /// trigrams are in names that do not contain it ("iang": "Dianyang", "Nangxian"), which the trigrams alone would
    /// have counted.
    /// </summary>
    [Fact]
    public void FourLatinLetters_AreOneTerm_AndEveryFragmentAnswersAsTheRulesOverEveryEntry()
    {
        var searcher = new PlaceNameSearcher();
        var entries = Enumerable.Range(0, Names.Length).Select(i => Entry(i, 1)).ToList();
        entries.ForEach(e => searcher.Apply(e));
        var texts = entries.SelectMany(PlaceNameIndex.Texts).Where(t => t.Length > 0).ToList();
        var fragments = texts
            .SelectMany(t => Enumerable.Range(0, Math.Max(0, t.Length - 3)).Select(i => t.Substring(i, 4)))
            .Where(f => f.All(char.IsAsciiLetterOrDigit))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(fragments.Count > 500, "the names have many runs of four Latin letters");
        Assert.Contains(fragments, f => texts.Any(t => t.Contains(f[..3], StringComparison.Ordinal)
            && t.Contains(f[1..], StringComparison.Ordinal) && !t.Contains(f, StringComparison.Ordinal)));

        foreach (var fragment in fragments)
        {
            var query = new PlaceNameQuery(fragment, null, null, null, null, null, false, true, null, 0, 1);
            Assert.Single(PlaceNameIndex.QueryTerms(query, fragment, null));
            Assert.True(PlaceNameIndex.TermsConfirmText(fragment, null));
            foreach (var take in new[] { 1, 3 })
            {
                var paged = query with { Take = take };
                var expected = entries
                    .Select(e => PlaceNameIndex.TryCandidate(e, paged, fragment, null, null, out var c) ? c : (PlaceNameCandidate?)null)
                    .OfType<PlaceNameCandidate>()
                    .Order(PlaceNameIndex.CandidateOrder(paged))
                    .ToList();
                var page = searcher.Search(paged);
                Assert.Equal(expected.Count, page.Total);
                Assert.Equal(expected.Take(take).Select(c => Describe(c.ToHit())), page.Items.Select(Describe));
            }
        }

        // The names holding both trigrams of such a fragment but not the fragment, as small places met after a page
        // already full of a county's match: ranked after it whatever they hold, they are counted unread, so they must
        // not be candidates at all.
        var tested = 0;
        foreach (var fragment in fragments)
        {
            var holding = texts.Where(t => t.Contains(fragment, StringComparison.Ordinal)).Distinct().ToList();
            var misleading = texts.Where(t => t.Contains(fragment[..3], StringComparison.Ordinal)
                && t.Contains(fragment[1..], StringComparison.Ordinal) && !t.Contains(fragment, StringComparison.Ordinal))
                .Distinct().ToList();
            if (misleading.Count == 0)
            {
                continue;
            }

            tested++;
            var small = new PlaceNameSearcher();
            var placed = holding.Select((t, i) => (t, i, PlaceCategory.AdministrativeDivision))
                .Concat(misleading.Select((t, i) => (t, holding.Count + i, PlaceCategory.Landmark)))
                .Select(p => new PlaceNameIndexEntry($"f{p.Item2:D3}", p.t, p.t, p.t, p.t, [], p.Item3, "110105",
                    PlaceNameStatus.Announced, 100, 30, 100, 30, 100, 30, "", null, null, null, null, null, 1))
                .ToList();
            placed.ForEach(e => small.Apply(e));
            var page = small.Search(new PlaceNameQuery(fragment, null, null, null, null, null, false, true, null, 0, 1));
            Assert.Equal(holding.Count, page.Total);
        }

        Assert.True(tested > 0, "some fragment's trigrams are in a name without it");
    }

    /// <summary>
    /// A fragment found in tens of thousands of names (a four-letter beginning of the national stock's pinyin) is one
    /// term whose list the search reads in place: copying it at every query (80 KB here, 400 KB for the broadest
    /// national fragments, on the large object heap) made the garbage collections that set the tail of the search's
    /// latency.
    /// </summary>
    [Fact]
    public void Search_OfAFragmentInManyNames_DoesNotCopyItsPostingList()
    {
        var searcher = new PlaceNameSearcher();
        for (var i = 0; i < 20_000; i++)
        {
            var name = $"{(char)('z' - i % 20)}{i:D5}qam";
            searcher.Apply(new PlaceNameIndexEntry($"m{i}", name, name, name, name, [], PlaceCategory.VillageSeat, "110105",
                PlaceNameStatus.Announced, 100, 30, 100, 30, 100, 30, "", null, null, null, null, null, 1));
        }

        var query = new PlaceNameQuery("qam", null, null, null, null, null, false, true, null, 0, 10);
        var term = Assert.Single(PlaceNameIndex.QueryTerms(query, "qam", null));
        Assert.Equal(20_000, searcher.Index.Frequency(term));
        Assert.Equal(20_000, searcher.Search(query).Total);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var page = searcher.Search(query);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(20_000, page.Total);
        Assert.True(allocated < 20_000 * sizeof(int) / 4, $"one search allocated {allocated} bytes");
    }

    /// <summary>
    /// A fragment found in many names that rank alike (the same closeness, kind and prominence): the page is still the
    /// first by name then id, and a closer or more prominent match met after the page filled still takes its place;
    /// a search counts the matches it does not rank without reading them, and must count every one.
    /// </summary>
    [Theory]
    [InlineData("q")]
    [InlineData("qa")]
    [InlineData("qam")]
    public void ManyMatchesRankedAlike_ThePageIsTheFirstByRankThenName(string fragment)
    {
        var searcher = new PlaceNameSearcher();
        var entries = new List<PlaceNameIndexEntry>();
        for (var i = 0; i < 400; i++)
        {
            // Applied from the last name to the first, so the page fills with names that later ones must displace;
            // every 50th begins with the fragment, every 70th is a county (more prominent), a few match only by a former
            // name.
            // The last few are the fragment itself (a whole-name match), one of them a village, one a county.
            var name = i >= 396 ? fragment : i % 50 == 7 ? $"qam{999 - i:D3}" : $"{(char)('z' - i % 20)}{999 - i:D3}qam";
            var category = i % 70 == 3 || i == 398 ? PlaceCategory.AdministrativeDivision : PlaceCategory.VillageSeat;
            var entry = new PlaceNameIndexEntry($"m{i}", name, name, name, name, [], category, "110105",
                PlaceNameStatus.Announced, 100, 30, 100, 30, 100, 30, "", null, null, null, null, null, 1);
            if (i % 90 == 5)
            {
                entry = entry with
                {
                    Name = "other", SearchName = "other", Romanization = "other", SearchSpelling = "other",
                    OtherNames = [new PlaceNameIndexName(name, name, name, name, PlaceNameMatchKind.Former)],
                };
            }

            entries.Add(entry);
            Assert.True(searcher.Apply(entry));
        }

        foreach (var take in new[] { 1, 3, 10, 40 })
        {
            var query = new PlaceNameQuery(fragment, null, null, null, null, null, false, true, null, 0, take);
            var expected = entries
                .Select(e => PlaceNameIndex.TryCandidate(e, query, fragment, null, null, out var c) ? c : (PlaceNameCandidate?)null)
                .OfType<PlaceNameCandidate>()
                .Order(PlaceNameIndex.CandidateOrder(query))
                .ToList();
            var page = searcher.Search(query);
            Assert.Equal(400, expected.Count);
            Assert.Equal(expected.Count, page.Total);
            Assert.Equal(expected.Take(take).Select(c => Describe(c.ToHit())), page.Items.Select(Describe));
        }
    }

    /// <summary>
    /// Nearest queries answer as the distance over every entry does (<see cref="PlaceNameIndex.TryCandidate"/> with
    /// the great-circle distance, ordered by distance), whatever the first circle the point's cell suggests: the
    /// GeoNames cities of the test data, each recorded several times over (so the cells of a country's towns are
    /// dense and the first circle shrinks), lines from one city to the next (in several cells, met once) and lines
    /// between countries (in the list every query reads), asked at each city and between neighbours, with paging and
    /// a category filter, before and after entries move and leave.
    /// </summary>
    [Fact]
    public void Nearest_FromAnyFirstCircle_AnswersAsTheDistanceOverEveryEntry()
    {
        var cities = JsonNode.Parse(File.ReadAllText(Path.Combine(Data, "cities-excerpt.json")))!.AsArray()
            .Select(c => (Lng: double.Parse((string)c!["lng"]!, CultureInfo.InvariantCulture),
                Lat: double.Parse((string)c["lat"]!, CultureInfo.InvariantCulture)))
            .ToList();
        var entries = new Dictionary<string, PlaceNameIndexEntry>(StringComparer.Ordinal);
        var searcher = new PlaceNameSearcher();
        void Put(PlaceNameIndexEntry entry)
        {
            entries[entry.Id] = entry;
            Assert.True(searcher.Apply(entry));
        }

        for (var i = 0; i < cities.Count; i++)
        {
            var (lng, lat) = cities[i];
            for (var copy = 0; copy < 40; copy++)
            {
                Put(Entry(i * 40 + copy, 1) with { X = lng, Y = lat, MinX = lng, MinY = lat, MaxX = lng, MaxY = lat });
            }

            // A line to the next city: across several cells when the next is near, in the large list when it is not.
            var (nextLng, nextLat) = cities[(i + 1) % cities.Count];
            Put(Entry(100_000 + i, 1) with
            {
                X = lng, Y = lat, MinX = Math.Min(lng, nextLng), MinY = Math.Min(lat, nextLat),
                MaxX = Math.Max(lng, nextLng), MaxY = Math.Max(lat, nextLat),
            });
        }

        // Lines over more than 4,096 cells of a quarter degree (Andorra to the Emirates to China) and over a few.
        Assert.Contains(cities.Zip(cities.Skip(1)), p => Math.Abs(p.First.Lng - p.Second.Lng) > 20
            && Math.Abs(p.First.Lat - p.Second.Lat) > 16);
        AssertNearestAsOverEveryEntry(searcher, entries.Values, cities);

        // Moved (every third copy to the next city) and removed (every seventh: a version without geometry).
        foreach (var entry in entries.Values.ToList())
        {
            var n = int.Parse(entry.Id[1..], CultureInfo.InvariantCulture);
            if (n < 100_000 && n % 3 == 0)
            {
                var (lng, lat) = cities[(n / 40 + 1) % cities.Count];
                Put(entry with { X = lng, Y = lat, MinX = lng, MinY = lat, MaxX = lng, MaxY = lat, Revision = 2 });
            }
            else if (n % 7 == 0)
            {
                Put(entry with
                {
                    X = double.NaN, Y = double.NaN, MinX = double.NaN, MinY = double.NaN, MaxX = double.NaN,
                    MaxY = double.NaN, Revision = 2,
                });
            }
        }

        AssertNearestAsOverEveryEntry(searcher, entries.Values, cities);
    }

    private static void AssertNearestAsOverEveryEntry(PlaceNameSearcher searcher,
        IEnumerable<PlaceNameIndexEntry> entries, IReadOnlyList<(double Lng, double Lat)> cities)
    {
        var all = entries.ToList();
        var points = cities.Concat(cities.Zip(cities.Skip(1), (a, b) => ((a.Lng + b.Lng) / 2, (a.Lat + b.Lat) / 2)));
        var n = 0;
        foreach (var (lng, lat) in points)
        {
            n++;
            var query = new PlaceNameQuery(null, null, n % 3 == 0 ? Categories[n % Categories.Length] : null, null, null,
                new GeoPoint(lng, lat), n % 2 == 0, n % 5 != 0, null, n % 4 == 0 ? 2 : 0, new[] { 1, 10, 25 }[n % 3]);
            var expected = all
                .Select(e => (Entry: e, Distance: PlaceGeometry.DistanceMeters(lng, lat, e.X, e.Y)))
                .Where(d => double.IsFinite(d.Distance))
                .Select(d => PlaceNameIndex.TryCandidate(d.Entry, query, null, null, d.Distance, out var c)
                    ? c : (PlaceNameCandidate?)null)
                .OfType<PlaceNameCandidate>()
                .Order(PlaceNameIndex.CandidateOrder(query))
                .Take(query.Skip + query.Take)
                .Select(c => Describe(c.ToHit()) + " " + c.DistanceMeters)
                .ToList();
            var page = searcher.Search(query);
            Assert.Equal(expected, page.Items.Select(h => Describe(h) + " " + h.DistanceMeters));
            Assert.True(page.Total >= page.Items.Count);
        }
    }

    /// <summary>
    /// The name key that breaks ties in the order by match never contradicts the names' ordinal order: over every
    /// pair of the test data's names (cities, villages, their search texts, and their beginnings of one to nine units,
    /// so prefixes and names shorter than the key are among them), a key that differs orders as the names do.
    /// </summary>
    [Fact]
    public void NameKey_OrdersAsTheNames_WhereKeysDiffer()
    {
        var names = Names.Concat(Names.Select(PlaceNameViews.SearchText))
            .SelectMany(n => Enumerable.Range(1, 9).Select(k => n[..Math.Min(k, n.Length)]).Append(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.True(names.Count > 1_000, "many names");
        var differing = 0;
        foreach (var a in names)
        {
            foreach (var b in names.Take(400))
            {
                var byKey = PlaceNameIndex.NameKey(a).CompareTo(PlaceNameIndex.NameKey(b));
                if (byKey != 0)
                {
                    differing++;
                    Assert.Equal(Math.Sign(string.CompareOrdinal(a, b)), byKey);
                }
            }
        }

        Assert.True(differing > names.Count * 300, "most pairs are told apart by their keys");
    }
}
