using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Statistics;
using Registry.Api.Spatial;
using Registry.Api.Statistics;
using Registry.Api.Tests.Marriages;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Api.Tests.Statistics;

/// <summary>
/// <c>GET /api/statistics</c> after the fixture's mixed workload: every figure of every office, division and total,
/// for periods long and short, equals the count over the records themselves; scopes and roles; the CSV form.
/// </summary>
public sealed class StatisticsEndpointTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private static readonly (DateOnly From, DateOnly To)[] Periods =
    [
        (new(2026, 1, 1), new(2026, 12, 31)),
        (new(2025, 1, 1), new(2025, 12, 31)),
        (new(2026, 3, 1), new(2026, 3, 31)),
        (new(2026, 3, 5), new(2026, 3, 5)),
        (new(2026, 3, 6), new(2026, 4, 7)),
        (new(2026, 4, 1), new(2026, 4, 30)),
        (new(2026, 5, 1), new(2026, 5, 19)),
        (new(2026, 5, 1), new(2026, 5, 31)),
        (new(2025, 12, 1), new(2026, 6, 30)),
    ];

    private static IReadOnlyList<StatisticsFigure> PeriodFigures =>
        F.All.Where(f => f.Recorded && f.Measure == StatisticsMeasure.Period).ToList();

    [Fact]
    public async Task GetStatistics_EveryFigureOfEveryPeriod_EqualsTheCountOverTheRecords()
    {
        var records = await RecordCounts.ReadAsync(fixture);
        // The workload reaches these figures, so an answer of zeros cannot pass.
        var reached = records.Figures.ToHashSet();
        Assert.Empty(new HashSet<string>
            {
                F.MarriageRegistrations, F.MarriageBothMainland, F.MarriageCrossRegion, F.DivorceApplications,
                F.DivorceWithdrawn, F.DivorceDeemedWithdrawn, F.DivorcesByRegistration, F.DivorcesByCourt,
                F.ReplacementCertificates, F.ArchiveRecords, F.RecordExtracts, F.RegisteredSocialAssociations, F.RegisteredFoundations,
                F.RegisteredPrivateNonEnterprise, F.Deregistered, F.AbnormalEntered, F.AbnormalRemoved,
                F.PlacesProposed, F.PlacesApproved, F.PlacesAnnounced, F.PlacesRenamed, F.PlacesAbolished,
                F.MarriageFirst, F.MarriageRemarriages, F.MarriageReunions, F.ReportsDue, F.ReportsDueInspected,
                F.ReportsFiled, F.InspectionsPass,
            }.Except(reached));
        // Every party of a registration is counted once by their status before it.
        Assert.Equal(2 * records.Count(_ => true, F.MarriageRegistrations, DateOnly.MinValue, DateOnly.MaxValue),
            new[] { F.MarriageFirst, F.MarriageRemarriages, F.MarriagePriorStatusUnknown }
                .Sum(f => records.Count(_ => true, f, DateOnly.MinValue, DateOnly.MaxValue)));

        foreach (var (from, to) in Periods)
        {
            var answer = await GetAsync(fixture.Admin, $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&offices=true");
            var offices = Rows(answer, "offices");
            foreach (var office in records.Offices.Union(offices.Keys))
            {
                foreach (var figure in PeriodFigures)
                {
                    var expected = records.Count(o => o == office, figure.Key, from, to);
                    var actual = offices.TryGetValue(office, out var row) ? row.GetProperty(figure.Key).GetInt64() : 0;
                    Assert.True(expected == actual,
                        $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd} office {office} {figure.Key}: records {expected}, answer {actual}");
                }
            }

            // Rolled up: each province the offices lie in holds the sum of its offices (the division history of the
            // test's data keeps every office under its code's province).
            var divisions = Rows(answer, "divisions");
            foreach (var province in records.Offices.Select(o => o[..2] + "0000").Distinct())
            {
                foreach (var figure in PeriodFigures)
                {
                    var expected = records.Count(o => o[..2] == province[..2], figure.Key, from, to);
                    var actual = divisions.TryGetValue(province, out var row) ? row.GetProperty(figure.Key).GetInt64() : 0;
                    Assert.True(expected == actual,
                        $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd} province {province} {figure.Key}: records {expected}, answer {actual}");
                }
            }

            var total = answer.GetProperty("total");
            foreach (var figure in PeriodFigures)
            {
                Assert.Equal(records.Count(_ => true, figure.Key, from, to), total.GetProperty(figure.Key).GetInt64());
            }

            // Rates: the share of the counts over the records, per office and in total.
            foreach (var figure in F.All.Where(f => f.Recorded && f.Measure == StatisticsMeasure.Ratio))
            {
                decimal? Rate(Func<string, bool> office)
                {
                    var whole = records.Count(office, figure.Denominator!, from, to);
                    return whole == 0 ? null : Math.Round(100m * records.Count(office, figure.Numerator!, from, to) /
                        whole, 1, MidpointRounding.AwayFromZero);
                }

                foreach (var (office, row) in offices)
                {
                    Assert.Equal(Rate(o => o == office), Value(row.GetProperty(figure.Key)));
                }

                Assert.Equal(Rate(_ => true), Value(total.GetProperty(figure.Key)));
            }
        }
    }

    [Fact]
    public async Task GetStatistics_FiguresNotRecorded_AreNullWithTheirReason()
    {
        var answer = await GetAsync(fixture.Admin, "from=2026-01-01&to=2026-12-31");

        var notRecorded = answer.GetProperty("notRecorded").EnumerateArray()
            .ToDictionary(n => n.GetProperty("key").GetString()!, n => n.GetProperty("reason").GetString()!);
        Assert.Equal(F.All.Where(f => !f.Recorded).Select(f => f.Key).Order(), notRecorded.Keys.Order());
        Assert.All(notRecorded.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        foreach (var key in notRecorded.Keys)
        {
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("total").GetProperty(key).ValueKind);
        }

        Assert.DoesNotContain(F.RecordExtracts, notRecorded.Keys);
        Assert.DoesNotContain(F.PlateCertificates, notRecorded.Keys);
    }

    [Fact]
    public async Task GetStatistics_MarriageRegistrar_SeesOnlyMarriageFiguresOfTheirOffice()
    {
        var records = await RecordCounts.ReadAsync(fixture);
        var office = fixture.MarriageOffices[0];
        var registrar = fixture.Client("registrar-near", office, "registrar.marriage");

        var answer = await GetAsync(registrar, "from=2026-01-01&to=2026-12-31");

        Assert.Equal(office, answer.GetProperty("scope").GetProperty("code").GetString());
        Assert.All(answer.GetProperty("figures").EnumerateArray(),
            f => Assert.Equal(F.Marriage, f.GetProperty("domain").GetString()));
        Assert.Equal([office], Rows(answer, "offices").Keys);
        Assert.Equal(records.Count(o => o == office, F.MarriageRegistrations, new(2026, 1, 1), new(2026, 12, 31)),
            answer.GetProperty("total").GetProperty(F.MarriageRegistrations).GetInt64());
        Assert.False(answer.GetProperty("total").TryGetProperty(F.RegisteredFoundations, out _));

        var elsewhere = fixture.MarriageOffices[2];
        await Problems.AssertProblemAsync(await registrar.GetAsync(
            $"/api/statistics?from=2026-01-01&to=2026-12-31&division={elsewhere}"),
            HttpStatusCode.Forbidden, "office-jurisdiction");
        await Problems.AssertProblemAsync(await fixture.Client("registrar-none", null, "registrar.marriage")
            .GetAsync("/api/statistics?from=2026-01-01&to=2026-12-31"), HttpStatusCode.Forbidden, "office-claim-missing");
        await Problems.AssertProblemAsync(await fixture.Client("gis-1", null, "gis")
            .GetAsync("/api/statistics?from=2026-01-01&to=2026-12-31"), HttpStatusCode.Forbidden, "role-required");
    }

    [Fact]
    public async Task GetStatistics_ProvinceDivision_KeepsOnlyItsOffices()
    {
        var records = await RecordCounts.ReadAsync(fixture);
        var province = fixture.MarriageOffices[2][..2] + "0000";

        var answer = await GetAsync(fixture.Admin, $"from=2026-01-01&to=2026-12-31&division={province}&offices=true");

        Assert.NotEmpty(Rows(answer, "offices"));
        Assert.All(Rows(answer, "offices").Keys, code => Assert.StartsWith(province[..2], code, StringComparison.Ordinal));
        Assert.Equal(records.Count(o => o[..2] == province[..2], F.MarriageRegistrations, new(2026, 1, 1),
            new(2026, 12, 31)), answer.GetProperty("total").GetProperty(F.MarriageRegistrations).GetInt64());
    }

    [Theory]
    [InlineData("to=2026-12-31", "field-required")]
    [InlineData("from=2026-13-01&to=2026-12-31", "date-format")]
    [InlineData("from=2026-12-31&to=2026-01-01", "statistics-period")]
    [InlineData("from=2000-01-01&to=2026-01-01", "statistics-period")]
    [InlineData("from=2026-01-01&to=2026-12-31&division=12ab", "division-code-format")]
    [InlineData("from=2026-01-01&to=2026-12-31&format=xlsx", "statistics-format")]
    [InlineData("from=2026-01-01&to=2026-12-31&offices=yes", "statistics-offices")]
    [InlineData("from=2026-01-01&to=2026-12-31&office=true", "unknown-query-parameter")]
    public async Task GetStatistics_BadQuery_Is400NamingTheRule(string query, string rule) =>
        await Problems.AssertProblemAsync(await fixture.Admin.GetAsync("/api/statistics?" + query),
            HttpStatusCode.BadRequest, rule);

    [Fact]
    public async Task GetStatistics_Csv_OpensInExcel_WithTheJsonFigures()
    {
        // The CSV lists every office by default (Excel users); the JSON on request.
        var json = await GetAsync(fixture.Admin, "from=2026-01-01&to=2026-12-31&offices=true");
        var client = fixture.Admin;
        client.DefaultRequestHeaders.Accept.ParseAdd("text/csv");

        var response = await client.GetAsync("/api/statistics?from=2026-01-01&to=2026-12-31");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(Fields).ToList();
        var header = lines[0];
        Assert.Equal("统计起日", header[0]);
        var registrations = header.IndexOf("结婚登记");
        var extracts = header.IndexOf("出具婚姻登记记录证明");
        Assert.True(registrations > 0 && extracts > 0);
        var total = lines.Single(l => l[2] == "合计");
        Assert.Equal(json.GetProperty("total").GetProperty(F.MarriageRegistrations).GetInt64().ToString(),
            total[registrations]);
        Assert.Equal(json.GetProperty("total").GetProperty(F.RecordExtracts).GetInt64().ToString(), total[extracts]);
        if (F.All.FirstOrDefault(f => !f.Recorded) is { } notRecorded)
        {
            Assert.Equal("未记录", total[header.IndexOf(notRecorded.Label)]);
        }

        Assert.Equal(1 + 1 + json.GetProperty("divisions").GetArrayLength() + json.GetProperty("offices").GetArrayLength(),
            lines.Count);
        Assert.All(lines, l => Assert.Equal(header.Count, l.Count));

        var byFormat = await fixture.Admin.GetAsync("/api/statistics?from=2026-01-01&to=2026-12-31&format=csv");
        Assert.Equal(bytes, await byFormat.Content.ReadAsByteArrayAsync());
        var rollUpOnly = await fixture.Admin.GetAsync(
            "/api/statistics?from=2026-01-01&to=2026-12-31&format=csv&offices=false");
        var rollUpLines = Encoding.UTF8.GetString(await rollUpOnly.Content.ReadAsByteArrayAsync())
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(rollUpLines, l => l.Contains("\"登记机关\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l[2] == "登记机关");
    }

    [Fact]
    public async Task GetStatistics_NationalAndProvince_GiveTheRollUpRows_AndTheOfficesOnRequest()
    {
        var records = await RecordCounts.ReadAsync(fixture);
        const string Year = "from=2026-01-01&to=2026-12-31";
        var full = await GetAsync(fixture.Admin, Year + "&offices=true");
        var province = fixture.MarriageOffices[0][..2] + "0000";

        foreach (var query in new[] { Year, Year + "&offices=false", $"{Year}&division={province}" })
        {
            var answer = await GetAsync(fixture.Admin, query);

            Assert.Equal(0, answer.GetProperty("offices").GetArrayLength());
            var divisions = answer.GetProperty("divisions").EnumerateArray().ToList();
            Assert.NotEmpty(divisions);
            Assert.All(divisions, d => Assert.Contains(d.GetProperty("level").GetString(), new[] { "province", "prefecture" }));
            // Each roll-up row is the one the answer with every office gives.
            var fullRows = Rows(full, "divisions");
            foreach (var row in divisions)
            {
                Assert.Equal(fullRows[row.GetProperty("code").GetString()!].GetRawText(),
                    row.GetProperty("figures").GetRawText());
            }

            Assert.Equal(
                query.Contains("division", StringComparison.Ordinal)
                    ? records.Count(o => o[..2] == province[..2], F.MarriageRegistrations, new(2026, 1, 1), new(2026, 12, 31))
                    : records.Count(_ => true, F.MarriageRegistrations, new(2026, 1, 1), new(2026, 12, 31)),
                answer.GetProperty("total").GetProperty(F.MarriageRegistrations).GetInt64());
        }

        // Below the province (the office's prefecture, the county) every office is listed unless asked otherwise.
        var county = fixture.MarriageOffices[0];
        var lineage = await fixture.Api.Services.GetRequiredService<IGrainFactory>()
            .AsOfAsync(county, new DateOnly(2026, 12, 31));
        var prefecture = Assert.Single(lineage!, d => d.Level == DivisionLevel.Prefecture).Code;
        foreach (var scope in new[] { prefecture, county })
        {
            var answer = await GetAsync(fixture.Admin, $"{Year}&division={scope}");
            Assert.Contains(county, Rows(answer, "offices").Keys);
            Assert.Equal(Rows(full, "offices")[county].GetRawText(), Rows(answer, "offices")[county].GetRawText());
            var without = await GetAsync(fixture.Admin, $"{Year}&division={scope}&offices=false");
            Assert.Equal(0, without.GetProperty("offices").GetArrayLength());
        }

        Assert.NotEmpty(Rows(full, "offices"));
        Assert.Contains(full.GetProperty("divisions").EnumerateArray(), d => d.GetProperty("level").GetString() == "county");
    }

    [Fact]
    public async Task GetStatistics_AskedAgain_AnswersTheSame_AndCountsARegistrationMadeInBetween()
    {
        const string Year = "from=2026-01-01&to=2026-12-31";
        var office = fixture.MarriageOffices[1];
        var province = office[..2] + "0000";
        var national = await GetAsync(fixture.Admin, Year);
        var county = await GetAsync(fixture.Admin, $"{Year}&division={office}");
        var registrar = fixture.Client("registrar-kept", office, "registrar.marriage");
        var own = await GetAsync(registrar, Year);
        var everyOffice = await GetAsync(fixture.Admin, Year + "&offices=true");
        var csv = await CsvTotalAsync();
        // Asked again with nothing written in between: the same answer (kept, or computed again alike), the same
        // bytes as JSON and as CSV, with the content types as before.
        Assert.Equal(national.GetRawText(), (await GetAsync(fixture.Admin, Year)).GetRawText());
        var again = await fixture.Admin.GetAsync($"/api/statistics?{Year}&offices=true");
        Assert.Equal("application/json; charset=utf-8", again.Content.Headers.ContentType?.ToString());
        Assert.Equal(everyOffice.GetRawText(), (await StatisticsFixture.JsonAsync(again, HttpStatusCode.OK)).GetRawText());
        Assert.Equal(csv, await CsvTotalAsync());

        // A registration at an office whose month the roll-up already holds (its counters taken in memory first).
        var created = await StatisticsFixture.JsonAsync(await fixture.Api.RegistrarAt(office).PostAsJsonAsync(
            "/api/marriages", MarriageApiFixture.Registration(MarriageApiFixture.Man(), MarriageApiFixture.Woman(),
                office)), null);
        fixture.Marriages.Add(created.GetProperty("marriageId").GetString()!);

        // The next answers, however asked, count it: none is an answer kept from before.
        var nationalAfter = await GetAsync(fixture.Admin, Year);
        Assert.Equal(Registrations(national.GetProperty("total")) + 1, Registrations(nationalAfter.GetProperty("total")));
        Assert.Equal(Registrations(Rows(national, "divisions")[province]) + 1,
            Registrations(Rows(nationalAfter, "divisions")[province]));
        var countyAfter = await GetAsync(fixture.Admin, $"{Year}&division={office}");
        Assert.Equal(Registrations(Rows(county, "offices")[office]) + 1,
            Registrations(Rows(countyAfter, "offices")[office]));
        var ownAfter = await GetAsync(registrar, Year);
        Assert.Equal(Registrations(own.GetProperty("total")) + 1, Registrations(ownAfter.GetProperty("total")));
        // The answers whose bytes were kept: with every office, and as CSV.
        var everyOfficeAfter = await GetAsync(fixture.Admin, Year + "&offices=true");
        foreach (var (rows, code) in new[] { ("offices", office), ("divisions", office), ("divisions", province) })
        {
            Assert.Equal(Registrations(Rows(everyOffice, rows)[code]) + 1,
                Registrations(Rows(everyOfficeAfter, rows)[code]));
        }

        Assert.Equal(csv + 1, await CsvTotalAsync());

        static long Registrations(JsonElement figures) => figures.GetProperty(F.MarriageRegistrations).GetInt64();

        async Task<long> CsvTotalAsync()
        {
            var response = await fixture.Admin.GetAsync($"/api/statistics?{Year}&format=csv");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync())[1..]
                .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(Fields).ToList();
            return long.Parse(lines.Single(l => l[2] == "合计")[lines[0].IndexOf("结婚登记")],
                System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public async Task GetStatistics_KeptBytes_AreWhatTheSerializerWritesForTheReport_BeforeAndAfterAChange()
    {
        // The answer's JSON is written row by row from kept row bytes (StatisticsJson): it must be byte for byte the
        // response object serialized with the API's options, for the report as computed and as brought up to date.
        const string Year = "from=2026-01-01&to=2026-12-31&offices=true";
        var options = fixture.Api.Services
            .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()
            .Value.SerializerOptions;
        var query = fixture.Api.Services.GetRequiredService<StatisticsQuery>();
        var domains = F.All.Select(f => f.Domain).ToHashSet(StringComparer.Ordinal);
        var office = fixture.MarriageOffices[0];
        for (var round = 0; round < 2; round++)
        {
            var served = await (await fixture.Admin.GetAsync("/api/statistics?" + Year)).Content.ReadAsByteArrayAsync();
            var report = await query.RunAsync(new(2026, 1, 1), new(2026, 12, 31), null, domains, true);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(
                Registry.Api.Contracts.Statistics.StatisticsResponse.Of(report), options), served);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(
                Registry.Api.Contracts.Statistics.StatisticsResponse.Of(report), options),
                StatisticsJson.Write(report, options).ToArray());

            var created = await StatisticsFixture.JsonAsync(await fixture.Api.RegistrarAt(office).PostAsJsonAsync(
                "/api/marriages", MarriageApiFixture.Registration(MarriageApiFixture.Man(), MarriageApiFixture.Woman(),
                    office)), null);
            fixture.Marriages.Add(created.GetProperty("marriageId").GetString()!);
        }
    }

    [Fact]
    public async Task GetStatistics_AfterADivisionChange_NamesAndRollsUpAsTheHistoryNowSays()
    {
        // The far office's county, renamed late in the year: the answers of the year before and after the change.
        var office = fixture.MarriageOffices[2];
        var end = new DateOnly(2026, 12, 31);
        var year = $"from=2026-01-01&to=2026-12-31&division={office}";
        var grains = fixture.Api.Services.GetRequiredService<IGrainFactory>();
        // A cache in a process that sees no division call (its own signal never moves): only the cluster's version of
        // the division history can tell it.
        var elsewhere = new DivisionLineageCache(grains, new DivisionChangeSignal());
        var before = await GetAsync(fixture.Admin, year);
        var heldElsewhere = await elsewhere.LineageAsync(office, end);
        var oldName = before.GetProperty("scope").GetProperty("name").GetString()!;
        Assert.Equal([office], Rows(before, "offices").Keys);
        Assert.Equal(oldName, heldElsewhere![0].Name);

        var renamed = oldName + "（统计）";
        var rename = await fixture.Admin.PostAsJsonAsync($"/api/divisions/{office}/renames",
            new { name = renamed, effectiveDate = "2026-12-20", reason = "statistics lineage cache test" });
        Assert.Equal(HttpStatusCode.Created, rename.StatusCode);

        var after = await GetAsync(fixture.Admin, year);
        Assert.Equal(renamed, after.GetProperty("scope").GetProperty("name").GetString());
        Assert.Equal(renamed, after.GetProperty("offices")[0].GetProperty("name").GetString());
        Assert.Equal(before.GetProperty("total").GetRawText(), after.GetProperty("total").GetRawText());
        Assert.Equal(renamed, (await elsewhere.LineageAsync(office, end))![0].Name);
        // Before the rename's date the old name stands.
        Assert.Equal(oldName, (await elsewhere.LineageAsync(office, new DateOnly(2026, 12, 19)))![0].Name);
    }

    [Fact]
    public async Task DivisionLineageCache_AnswersTheLineagesOfTheDivisionHistory()
    {
        var grains = fixture.Api.Services.GetRequiredService<IGrainFactory>();
        var cache = new DivisionLineageCache(grains, new DivisionChangeSignal());
        var date = new DateOnly(2025, 6, 30);
        string[] codes = [.. fixture.MarriageOffices, "999999", Jurisdiction.NationalOffice];

        var first = await cache.LineagesAsync(codes, date);
        var again = await cache.LineagesAsync(codes, date);

        foreach (var code in codes)
        {
            var expected = await grains.AsOfAsync(code, date) ?? [];
            Assert.Equal(expected, first[code]);
            Assert.Equal(expected, again[code]);
        }

        Assert.Equal(DivisionLevel.Province, first[fixture.MarriageOffices[0]][^1].Level);
        Assert.Empty(first["999999"]);
    }

    private static decimal? Value(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();

    private static async Task<JsonElement> GetAsync(HttpClient client, string query) =>
        await StatisticsFixture.JsonAsync(await client.GetAsync("/api/statistics?" + query), HttpStatusCode.OK);

    private static Dictionary<string, JsonElement> Rows(JsonElement answer, string name) =>
        answer.GetProperty(name).EnumerateArray()
            .ToDictionary(r => r.GetProperty("code").GetString()!, r => r.GetProperty("figures"));

    /// <summary>The fields of one CSV line whose every field is quoted (RFC 4180).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (i < line.Length)
        {
            Assert.Equal('"', line[i]);
            var value = new StringBuilder();
            i++;
            while (true)
            {
                if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    value.Append('"');
                    i += 2;
                }
                else if (line[i] == '"')
                {
                    i++;
                    break;
                }
                else
                {
                    value.Append(line[i++]);
                }
            }

            fields.Add(value.ToString());
            if (i < line.Length)
            {
                Assert.Equal(',', line[i]);
                i++;
            }
        }

        return fields;
    }
}
