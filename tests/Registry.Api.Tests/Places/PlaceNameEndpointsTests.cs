using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Grains.Places;

namespace Registry.Api.Tests.Places;

[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameEndpointsTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";

    private readonly PlaceNameClient api = new(fixture.Factory);

    [Fact]
    public async Task Lifecycle_ProposedApprovedAnnounced_PublicOnlyOnceAnnounced()
    {
        var township = PlaceTestData.Township(0);
        var proposed = await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(0));
        var id = proposed.GetProperty("id").GetString()!;
        Assert.Equal("proposed", proposed.GetProperty("status").GetString());
        Assert.Equal(township.Name, proposed.GetProperty("name").GetString());
        Assert.Equal("Point", proposed.GetProperty("geometry").GetProperty("type").GetString());

        await Problems.AssertProblemAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"), HttpStatusCode.NotFound, "place-name-not-found");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsync($"/api/place-names/{id}/announcement", null),
            HttpStatusCode.UnprocessableEntity, "place-name-not-approved");

        var approved = await api.ApprovedAsync(id);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal("县人民政府", approved.GetProperty("approvingAuthority").GetString());
        await Problems.AssertProblemAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"), HttpStatusCode.NotFound, "place-name-not-found");

        var announced = await PlaceNameClient.OkAsync(await api.Registrar.PostAsync($"/api/place-names/{id}/announcement", null));
        Assert.Equal("announced", announced.GetProperty("status").GetString());

        var publicRecord = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal(township.Name, publicRecord.GetProperty("name").GetString());
        Assert.Equal(api.Today.ToString("yyyy-MM-dd"), publicRecord.GetProperty("announcedOn").GetString());
        Assert.Contains(township.Name, publicRecord.GetProperty("locationDescription").GetString());

        var feed = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/announcements?since={api.Today:yyyy-MM-dd}&limit=100"));
        var item = feed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
        Assert.Equal(proposed.GetProperty("romanization").GetString(), item.GetProperty("romanization").GetString());
        Assert.Equal("县人民政府", item.GetProperty("approvingAuthority").GetString());
        var later = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/announcements?since={api.Today.AddDays(1):yyyy-MM-dd}"));
        Assert.DoesNotContain(id, PlaceNameClient.Ids(later));

        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{id}/history"));
        Assert.Equal(["proposed", "approved", "announced"], history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        Assert.All(history.EnumerateArray(), e => Assert.Equal("test-user", e.GetProperty("actor").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync($"/api/place-names/{id}/history")).StatusCode);
    }

    [Fact]
    public async Task Propose_WithoutPlacesRole_Is403AndAnonymous401()
    {
        var township = PlaceTestData.Township(10);
        var body = new { name = township.Name, romanization = "x", category = AdministrativeDivision, divisionCode = township.Code };
        Assert.Equal(HttpStatusCode.Forbidden,
            (await fixture.Factory.ClientWithRoles("registrar.organizations").PostAsJsonAsync("/api/place-names", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.PostAsJsonAsync("/api/place-names", body)).StatusCode);
    }

    [Fact]
    public async Task Rename_KeepsOldNameAsHistoricalAndFreesIt()
    {
        var township = PlaceTestData.Township(1);
        var newName = PlaceTestData.Township(2).Name;
        var id = (await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(1)))
            .GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);

        var renamed = await api.RenamedAsync(id, newName, AdministrativeDivision, api.Today, "民政部门批复 (test)");
        Assert.Equal(newName, renamed.GetProperty("name").GetString());
        var names = renamed.GetProperty("names").EnumerateArray().ToList();
        Assert.Equal([township.Name, newName], names.Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(api.Today.ToString("yyyy-MM-dd"), names[0].GetProperty("validTo").GetString());

        // The one search box finds the place by its former name too (issue 15 part 6; before, only with
        // includeHistorical=true), under its name in force, and says the name matched is a former one.
        var byOld = PlaceNameClient.Hit(await api.SearchAsync(api.Anonymous,
            $"q={Uri.EscapeDataString(township.Name)}&division={township.County}"), id);
        Assert.Equal(newName, byOld.GetProperty("name").GetString());
        Assert.Equal($"{township.Name}|former|False", PlaceNameClient.Matched(byOld));
        var byNew = PlaceNameClient.Hit(await api.SearchAsync(api.Anonymous,
            $"q={Uri.EscapeDataString(newName)}&division={township.County}"), id);
        Assert.Equal($"{newName}|current|True", PlaceNameClient.Matched(byNew));

        // The old name is free again in its scope: a new proposal of it is accepted.
        await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(2));

        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{id}/history"));
        Assert.Equal(["rename-proposed", "renamed"], history.EnumerateArray().TakeLast(2).Select(e => e.GetProperty("kind").GetString()));
        var rename = history.EnumerateArray().Last();
        Assert.Equal("民政部门批复 (test)", rename.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Abolish_ReleasesNameAndHidesItFromCurrentSearch()
    {
        var township = PlaceTestData.Township(11);
        var id = (await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(3)))
            .GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);
        var abolished = await api.AbolishedAsync(id);
        Assert.Equal("abolished", abolished.GetProperty("status").GetString());
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/abolition",
            new { reason = "again" }), HttpStatusCode.UnprocessableEntity, "place-name-status");

        var search = $"q={Uri.EscapeDataString(township.Name)}&division={township.County}";
        Assert.DoesNotContain(id, PlaceNameClient.Ids(await api.SearchAsync(api.Registrar, search)));
        Assert.Contains(id, PlaceNameClient.Ids(await api.SearchAsync(api.Registrar, search + "&includeHistorical=true")));
        await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(3));
    }

    [Fact]
    public async Task Propose_SameNameInScope_Is409ListingTheConflictingName()
    {
        var township = PlaceTestData.Township(3);
        var first = await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(4));
        var response = await api.ProposeAsync(township.Name, await api.SpellingAsync(township.Name, AdministrativeDivision),
            AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(5));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict, "place-name-duplicate");
        Assert.Contains(township.Name, problem.GetProperty("detail").GetString());
        Assert.Contains(first.GetProperty("id").GetString()!, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Propose_SameNameInAnotherCounty_IsAccepted()
    {
        var (a, b) = PlaceTestData.SameNameTwice(0);
        await api.ProposedAsync(a.Name, AdministrativeDivision, a.Code, PlaceTestData.ChinesePoint(6));
        await api.ProposedAsync(b.Name, AdministrativeDivision, b.Code, PlaceTestData.ChinesePoint(7));
    }

    [Fact]
    public async Task Propose_HomophoneInScope_Is409ListingTheConflictingName()
    {
        var township = PlaceTestData.Township(4);
        var first = township.Name[0];
        var reading = PinyinTable.Shared.ReadingsOf(first)[0];
        // Another character whose first reading is the same syllable: a different name that sounds the same.
        var other = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00).First(c => c != first
            && PinyinTable.Shared.ReadingsOf(c) is { Count: > 0 } r && r[0] == reading);
        var homophone = char.ConvertFromUtf32(other) + township.Name[1..];
        await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(8));
        var spelling = await api.SpellingAsync(homophone, AdministrativeDivision);
        Assert.Equal(await api.SpellingAsync(township.Name, AdministrativeDivision), spelling);

        var problem = await Problems.AssertProblemAsync(
            await api.ProposeAsync(homophone, spelling, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(9)),
            HttpStatusCode.Conflict, "place-name-duplicate");
        Assert.Contains(township.Name, problem.GetProperty("detail").GetString());

        // Once the first proposal is rejected, nothing of the refused proposal blocks the homophone.
        var held = (await api.SearchAsync(api.Registrar, $"q={Uri.EscapeDataString(township.Name)}&division={township.County}"))
            .GetProperty("items")[0].GetProperty("id").GetString();
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{held}/rejection", new { reasons = "重名 (test)" }));
        await api.ProposedAsync(homophone, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(9));
    }

    [Theory]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    [InlineData(16)]
    public async Task Propose_ConcurrentHomophones_ExactlyOneAccepted(int townshipIndex)
    {
        var township = PlaceTestData.Township(townshipIndex);
        var first = township.Name[0];
        var reading = PinyinTable.Shared.ReadingsOf(first)[0];
        var other = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00).First(c => c != first
            && PinyinTable.Shared.ReadingsOf(c) is { Count: > 0 } r && r[0] == reading);
        var names = new[] { township.Name, char.ConvertFromUtf32(other) + township.Name[1..] };
        var spelling = await api.SpellingAsync(township.Name, AdministrativeDivision);
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(n =>
            api.ProposeAsync(names[n % 2], spelling, AdministrativeDivision, township.Code,
                PlaceTestData.ChinesePoint(40 + n))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var stored = await api.SearchAsync(api.Registrar,
            $"romanization={Uri.EscapeDataString(spelling)}&division={township.County}");
        Assert.Equal(1, stored.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Propose_ConcurrentDuplicates_ExactlyOneAccepted()
    {
        var township = PlaceTestData.Township(5);
        var spelling = await api.SpellingAsync(township.Name, AdministrativeDivision);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
            api.ProposeAsync(township.Name, spelling, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(10 + n))));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created),
            r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var stored = await api.SearchAsync(api.Registrar, $"q={Uri.EscapeDataString(township.Name)}&division={township.County}");
        Assert.Equal(1, stored.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Rename_ToAHomophone_TheConflictNamesTheCurrentName()
    {
        var township = PlaceTestData.Township(20);
        var first = township.Name[0];
        var reading = PinyinTable.Shared.ReadingsOf(first)[0];
        var other = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00).First(c => c != first
            && PinyinTable.Shared.ReadingsOf(c) is { Count: > 0 } r && r[0] == reading);
        var homophone = char.ConvertFromUtf32(other) + township.Name[1..];
        var id = (await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(10)))
            .GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);
        var spelling = await api.SpellingAsync(homophone, AdministrativeDivision);
        await api.RenamedAsync(id, homophone, AdministrativeDivision, api.Today);

        // The old characters are free, but the sound is still held, by the record under its new name.
        var problem = await Problems.AssertProblemAsync(
            await api.ProposeAsync(township.Name, spelling, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(11)),
            HttpStatusCode.Conflict, "place-name-duplicate");
        Assert.Contains($"{homophone} ({spelling}, id {id})", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Propose_BadSpelling_Is400NamingTheRuleAndStoresNothing()
    {
        var township = PlaceTestData.Township(6);
        var good = await api.SpellingAsync(township.Name, AdministrativeDivision);
        var words = good.Split(' ');
        var point = PlaceTestData.ChinesePoint(20);
        var lastSyllable = PinyinTable.Shared.ReadingsOf(township.Name[^1])[0];

        var cases = new (string Romanization, string Rule)[]
        {
            (good[..1] + "q" + good[1..], "romanization-syllable"),
            (good[..^lastSyllable.Length], "romanization-syllable-count"),
            (good.ToLowerInvariant(), "romanization-capitalisation"),
            (string.Concat(words.Select((w, i) => i == 0 ? w : w.ToLowerInvariant())), "romanization-word-separation"),
            (good + "!", "romanization-characters"),
            (good + "1", "romanization-numerals"),
        };
        foreach (var (romanization, rule) in cases)
        {
            var response = await api.ProposeAsync(township.Name, romanization, AdministrativeDivision, township.Code, point);
            await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, rule);
        }

        await Problems.AssertProblemAsync(await api.ProposeAsync(good, good, AdministrativeDivision, township.Code, point),
            HttpStatusCode.BadRequest, "place-name-han");
        var stored = await api.SearchAsync(api.Registrar, $"q={Uri.EscapeDataString(township.Name)}&division={township.County}");
        Assert.Equal(0, stored.GetProperty("total").GetInt32());
        await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, point); // no claim was left behind
    }

    [Fact]
    public async Task Propose_MissingApostrophe_Is400()
    {
        var township = PlaceTestData.TownshipWhere(name => name.EndsWith("街道", StringComparison.Ordinal)
            && PlaceSpelling.Suggest(name, Abstractions.Places.PlaceCategory.AdministrativeDivision).Romanization.Contains('\''));
        var good = await api.SpellingAsync(township.Name, AdministrativeDivision);
        Assert.Contains('\'', good);
        await Problems.AssertProblemAsync(
            await api.ProposeAsync(township.Name, good.Replace("'", ""), AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(21)),
            HttpStatusCode.BadRequest, "romanization-apostrophe");
        await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(21));
    }

    [Fact]
    public async Task Propose_VillageName_IsOneWord()
    {
        var (name, township) = PlaceTestData.Villages()[0];
        var spelling = await api.SpellingAsync(name, "village-seat");
        Assert.DoesNotContain(' ', spelling);
        var separated = await api.SpellingAsync(name, "landmark");
        if (separated.Contains(' '))
        {
            await Problems.AssertProblemAsync(await api.ProposeAsync(name, separated, "village-seat", township, PlaceTestData.ChinesePoint(22)),
                HttpStatusCode.BadRequest, "romanization-word-separation");
        }

        var village = await api.ProposedAsync(name, "village-seat", township, PlaceTestData.ChinesePoint(22));
        Assert.Equal("village-seat", village.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Propose_BadCategoryDivisionOrGeometry_Is4xxNamingTheRule()
    {
        var township = PlaceTestData.Township(7);
        var spelling = await api.SpellingAsync(township.Name, AdministrativeDivision);
        var (lon, lat) = PlaceTestData.ChineseCoordinates(23);
        var line = PlaceTestData.Line(0);

        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, "mountain", township.Code, PlaceTestData.ChinesePoint(23)),
            HttpStatusCode.BadRequest, "place-category");
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, AdministrativeDivision,
            Registry.Grains.Tests.ReferenceDivisions.UnrecordedCountyCode(), PlaceTestData.ChinesePoint(23)),
            HttpStatusCode.UnprocessableEntity, "place-division-unknown");
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, AdministrativeDivision, "12AB",
            PlaceTestData.ChinesePoint(23)), HttpStatusCode.BadRequest, "division-code-format");
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, AdministrativeDivision, township.Code,
            PlaceTestData.Point(lon, lat + 90)), HttpStatusCode.BadRequest, "geometry-coordinates");
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, AdministrativeDivision, township.Code,
            PlaceTestData.LineString([line[0], line[0]])), HttpStatusCode.BadRequest, "geometry-invalid");
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, AdministrativeDivision, township.Code,
            new JsonObject { ["type"] = "MultiPoint", ["coordinates"] = new JsonArray(new JsonArray(lon, lat)) }),
            HttpStatusCode.BadRequest, "geometry-type");
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, AdministrativeDivision, township.Code,
            new JsonObject { ["type"] = "Point" }), HttpStatusCode.BadRequest, "geometry-empty");
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, AdministrativeDivision, township.Code,
            new JsonObject { ["type"] = "Spot", ["coordinates"] = new JsonArray(lon, lat) }), HttpStatusCode.BadRequest, "geometry-geojson");

        var stored = await api.SearchAsync(api.Registrar, $"q={Uri.EscapeDataString(township.Name)}");
        Assert.DoesNotContain(stored.GetProperty("items").EnumerateArray(), i => i.GetProperty("divisionCode").GetString() == township.Code);
    }

    [Fact]
    public async Task HouseNumbers_OddLeftEvenRight_DuplicateAndWrongSideRefused()
    {
        var office = PlaceTestData.TownshipWhere(name => name.EndsWith("路街道", StringComparison.Ordinal));
        var road = office.Name[..^2];
        var line = PlaceTestData.Line(1);
        var street = await api.ProposedAsync(road, "street", office.Code, PlaceTestData.LineString(line));
        var id = street.GetProperty("id").GetString()!;
        var url = $"/api/place-names/{id}/house-numbers";
        var left = PlaceTestData.Beside(line, 1, 0.0003);
        var right = PlaceTestData.Beside(line, 2, -0.0003);

        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "1", location = left }),
            HttpStatusCode.UnprocessableEntity, "place-name-status");
        await api.ApprovedAsync(id);

        var one = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "1", location = left }), HttpStatusCode.Created);
        Assert.Equal("left", one.GetProperty("side").GetString());
        var two = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "2", location = right }), HttpStatusCode.Created);
        Assert.Equal("right", two.GetProperty("side").GetString());
        Assert.NotEqual(one.GetProperty("certificateNumber").GetString(), two.GetProperty("certificateNumber").GetString());

        var wrong = await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "4", location = left }),
            HttpStatusCode.UnprocessableEntity, "house-number-side");
        Assert.Contains("right", wrong.GetProperty("detail").GetString());
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "3", location = right }),
            HttpStatusCode.UnprocessableEntity, "house-number-side");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "1", location = PlaceTestData.Beside(line, 3, 0.0003) }),
            HttpStatusCode.Conflict, "house-number-duplicate");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "0", location = left }),
            HttpStatusCode.BadRequest, "house-number-format");

        var plates = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync(url));
        Assert.Equal([1, 2], plates.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("number").GetInt32()));

        // A point-located name is not a street line.
        var township = PlaceTestData.Township(12);
        var pointName = await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(24));
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{pointName.GetProperty("id").GetString()}/house-numbers",
            new { number = "1", location = left }), HttpStatusCode.UnprocessableEntity, "house-number-street-line");
    }

    [Fact]
    public async Task HouseNumbers_RiseFromTheOriginOnEachSide_OutOfOrderRefused()
    {
        var office = PlaceTestData.TownshipWhere(name => name.EndsWith("路街道", StringComparison.Ordinal), 1);
        var line = PlaceTestData.Line(1);
        var street = await api.ProposedAsync(office.Name[..^2], "street", office.Code, PlaceTestData.LineString(line));
        var id = street.GetProperty("id").GetString()!;
        await api.ApprovedAsync(id);
        var url = $"/api/place-names/{id}/house-numbers";

        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "3", location = PlaceTestData.Beside(line, 2, 0.0003) }), HttpStatusCode.Created);
        var before = await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "5", location = PlaceTestData.Beside(line, 1, 0.0003) }),
            HttpStatusCode.UnprocessableEntity, "house-number-order");
        Assert.Contains("number 3", before.GetProperty("detail").GetString());
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "1", location = PlaceTestData.Beside(line, 3, 0.0003) }),
            HttpStatusCode.UnprocessableEntity, "house-number-order");

        // In order on the left; the right side is numbered on its own.
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "1", location = PlaceTestData.Beside(line, 1, 0.0003) }), HttpStatusCode.Created);
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "5", location = PlaceTestData.Beside(line, 3, 0.0003) }), HttpStatusCode.Created);
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "2", location = PlaceTestData.Beside(line, 3, -0.0003) }), HttpStatusCode.Created);

        var plates = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync(url));
        Assert.Equal([1, 2, 3, 5], plates.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Search_ByFragmentDivisionBoxAndNearest_AnonymousSeesAnnouncedOnly()
    {
        var announcedTownship = PlaceTestData.Township(8);
        var proposedTownship = PlaceTestData.Township(9);
        var (lon, lat) = PlaceTestData.ChineseCoordinates(30);
        var announced = (await api.ProposedAsync(announcedTownship.Name, AdministrativeDivision, announcedTownship.Code,
            PlaceTestData.Point(lon, lat))).GetProperty("id").GetString()!;
        await api.AnnouncedAsync(announced);
        var proposed = (await api.ProposedAsync(proposedTownship.Name, AdministrativeDivision, proposedTownship.Code,
            PlaceTestData.ChinesePoint(31))).GetProperty("id").GetString()!;

        var fragment = Uri.EscapeDataString(announcedTownship.Name[1..^2]);
        Assert.Contains(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, $"q={fragment}&limit=100")));
        var prefecture = announcedTownship.County[..4] + "00";
        Assert.Contains(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, $"q={fragment}&division={prefecture}")));
        var otherProvince = announcedTownship.County[..2] == "11" ? "120000" : "110000";
        Assert.DoesNotContain(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, $"q={fragment}&division={otherProvince}")));
        var spelling = Uri.EscapeDataString(await api.SpellingAsync(announcedTownship.Name, AdministrativeDivision));
        Assert.Contains(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, $"romanization={spelling}&limit=100")));
        Assert.Contains(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, $"category=administrative-division&limit=100&division={announcedTownship.County}")));
        Assert.DoesNotContain(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, $"category=park&division={announcedTownship.County}")));

        FormattableString box = $"bbox={lon - 0.01},{lat - 0.01},{lon + 0.01},{lat + 0.01}";
        Assert.Contains(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, FormattableString.Invariant(box))));
        FormattableString away = $"bbox={lon + 1},{lat + 1},{lon + 2},{lat + 2}&q={fragment}";
        Assert.DoesNotContain(announced, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, FormattableString.Invariant(away))));

        FormattableString near = $"near={lon + 0.001},{lat}&limit=1&category=administrative-division";
        var nearest = await api.SearchAsync(api.Anonymous, FormattableString.Invariant(near));
        Assert.Equal(announced, PlaceNameClient.Ids(nearest).Single());
        Assert.InRange(nearest.GetProperty("items")[0].GetProperty("distanceMeters").GetDouble(), 50, 150);

        var proposedQuery = $"q={Uri.EscapeDataString(proposedTownship.Name)}&division={proposedTownship.County}";
        Assert.DoesNotContain(proposed, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, proposedQuery)));
        Assert.Contains(proposed, PlaceNameClient.Ids(await api.SearchAsync(api.Registrar, proposedQuery)));

        foreach (var (query, rule) in new[]
                 {
                     ("near=200,10", "coordinates-range"), ("near=1", "coordinates-format"), ("bbox=1,2,3", "coordinates-format"),
                     ("limit=0", "paging-range"), ("limit=101", "paging-range"), ("category=x", "place-category"),
                     ("division=11", "division-code-format"), ("includeHistorical=maybe", "boolean-format"),
                 })
        {
            await Problems.AssertProblemAsync(await api.Anonymous.GetAsync("/api/place-names?" + query), HttpStatusCode.BadRequest, rule);
        }
    }

    [Fact]
    public async Task Propose_WithAliases_StoredAndFoundByThem_BadAliasRefused()
    {
        var township = PlaceTestData.Township(97);
        var alias = PlaceTestData.Township(98).Name;
        JsonObject Body(JsonArray aliases) => new()
        {
            ["name"] = township.Name,
            ["romanization"] = null,
            ["category"] = AdministrativeDivision,
            ["divisionCode"] = township.Code,
            ["geometry"] = PlaceTestData.ChinesePoint(97),
            ["aliases"] = aliases,
        };
        var spelling = await api.SpellingAsync(township.Name, AdministrativeDivision);
        foreach (var (aliases, rule) in new[]
                 {
                     (new JsonArray("Beijing"), "place-name-han"),
                     (new JsonArray(alias, alias), "place-name-alias"),
                     (new JsonArray(township.Name), "place-name-alias"),
                 })
        {
            var bad = Body(aliases);
            bad["romanization"] = spelling;
            await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync("/api/place-names", bad), HttpStatusCode.BadRequest, rule);
        }

        var body = Body(new JsonArray(alias));
        body["romanization"] = spelling;
        var created = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync("/api/place-names", body), HttpStatusCode.Created);
        Assert.Equal([alias], created.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        var id = created.GetProperty("id").GetString()!;
        Assert.Contains(id, PlaceNameClient.Ids(await api.SearchAsync(api.Registrar, $"q={Uri.EscapeDataString(alias)}&division={township.County}")));
    }

    [Fact]
    public async Task Spelling_NonHanName_Is400()
    {
        await Problems.AssertProblemAsync(await api.Anonymous.GetAsync("/api/place-names/spelling?name=Beijing"),
            HttpStatusCode.BadRequest, "place-name-han");
        await Problems.AssertProblemAsync(await api.Anonymous.GetAsync("/api/place-names/spelling"),
            HttpStatusCode.BadRequest, "field-required");
    }

    /// <summary>Issue 15: the duplicate scope follows the divisions that contain a name. A street under 正定县 130123,
    /// which no township outline places outside a town, collides with the same street under 正定镇 130123100 (either
    /// entered first); the same street in two towns of the county does not collide.</summary>
    [Fact]
    public async Task Street_UnderTheCounty_CollidesWithTheSameStreetUnderAnyOfItsTowns()
    {
        const string street = "street";
        var inside = PlaceTestData.InsidePrefectureOf("130123")!;
        var inTown = await api.ProposedAsync("燕赵北路", street, "130123100", inside);
        var conflict = await Problems.AssertProblemAsync(await api.ProposeAsync("燕赵北路",
            await api.SpellingAsync("燕赵北路", street), street, "130123", inside), HttpStatusCode.Conflict, "place-name-duplicate");
        Assert.Contains(inTown.GetProperty("id").GetString()!, conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await api.ProposedAsync("燕赵北路", street, "130123102", inside);

        var inCounty = await api.ProposedAsync("燕赵南路", street, "130123", inside);
        conflict = await Problems.AssertProblemAsync(await api.ProposeAsync("燕赵南路",
            await api.SpellingAsync("燕赵南路", street), street, "130123103", inside), HttpStatusCode.Conflict, "place-name-duplicate");
        Assert.Contains(inCounty.GetProperty("id").GetString()!, conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
