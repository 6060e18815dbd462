using System.Net;
using System.Text.Json;
using Registry.Abstractions.Statistics;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Api.Tests.Statistics;

/// <summary>
/// The test's own count over the records themselves, read back through the API (each record's history as its GET
/// answers it), by the figures' definitions: what every statistics answer is compared with.
/// </summary>
public sealed class RecordCounts
{
    private readonly List<(string Office, string Figure, DateOnly Date)> events = [];

    public static async Task<RecordCounts> ReadAsync(StatisticsFixture fixture)
    {
        var counts = new RecordCounts();
        var today = fixture.Api.Today;
        var marriages = fixture.Client("reader-marriage", "100000", "registrar.marriage");
        foreach (var id in fixture.Marriages)
        {
            var record = await StatisticsFixture.JsonAsync(await marriages.GetAsync($"/api/marriages/{id}"),
                HttpStatusCode.OK);
            var office = record.GetProperty("office").GetString()!;
            var parties = new[] { "partyA", "partyB" }
                .Select(p => record.GetProperty(p).GetProperty("idNumber").GetString()!).ToList();
            var priorStatuses = new[] { "partyA", "partyB" }
                .Select(p => record.GetProperty(p).GetProperty("priorStatus").GetString()).ToList();
            var reunion = record.GetProperty("reunion").ValueKind == JsonValueKind.True;
            foreach (var e in record.GetProperty("history").EnumerateArray())
            {
                var at = e.GetProperty("office").GetString() ?? office;
                var date = Date(e, "effectiveDate");
                switch (e.GetProperty("kind").GetString())
                {
                    case "entered-from-archive":
                        counts.Add(at, F.ArchiveRecords, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(
                            e.GetProperty("recordedAt").GetDateTimeOffset(),
                            TimeZoneInfo.FindSystemTimeZoneById(Registry.Abstractions.Time.BureauClock.DefaultTimeZoneId)).DateTime));
                        goto case "registered";
                    case "registered":
                        counts.Add(at, F.MarriageRegistrations, date);
                        var mainland = parties.Count(p => p.Length == 18 && p[..2] is not ("81" or "82" or "83"));
                        counts.Add(at, mainland == 2 ? F.MarriageBothMainland
                            : mainland == 1 ? F.MarriageOneMainland : F.MarriageNoneMainland, date);
                        if (parties.Any(p => p[..4] != at[..4]))
                        {
                            counts.Add(at, F.MarriageCrossRegion, date);
                        }

                        // Persons, by their status before the marriage; 复婚 among the remarriages.
                        foreach (var prior in priorStatuses)
                        {
                            counts.Add(at, prior switch
                            {
                                "never-married" or "previous-marriage-annulled" => F.MarriageFirst,
                                "divorced" or "widowed" => F.MarriageRemarriages,
                                _ => F.MarriagePriorStatusUnknown,
                            }, date);
                            if (reunion)
                            {
                                counts.Add(at, F.MarriageReunions, date);
                            }
                        }

                        break;
                    case "divorce-applied": counts.Add(at, F.DivorceApplications, date); break;
                    case "divorce-withdrawn": counts.Add(at, F.DivorceWithdrawn, date); break;
                    case "divorce-deemed-withdrawn": counts.Add(at, F.DivorceDeemedWithdrawn, date); break;
                    case "divorced": counts.Add(at, F.DivorcesByRegistration, date); break;
                    case "divorced-by-court": counts.Add(at, F.DivorcesByCourt, date); break;
                    case "certificate-replaced": counts.Add(at, F.ReplacementCertificates, date); break;
                }
            }
        }

        foreach (var number in fixture.RecordExtracts)
        {
            var extract = await StatisticsFixture.JsonAsync(
                await marriages.GetAsync($"/api/marriage-record-extracts/{number}"), HttpStatusCode.OK);
            counts.Add(extract.GetProperty("office").GetString()!, F.RecordExtracts, Date(extract, "issuedOn"));
        }

        var organizations = fixture.Client("reader-org", "100000", "registrar.organizations");
        foreach (var uscc in fixture.Organizations)
        {
            var record = await StatisticsFixture.JsonAsync(await organizations.GetAsync($"/api/organizations/{uscc}"),
                HttpStatusCode.OK);
            var office = record.GetProperty("registeringOffice").GetString()!;
            var registered = record.GetProperty("kind").GetString() switch
            {
                "social-association" => F.RegisteredSocialAssociations,
                "private-non-enterprise" => F.RegisteredPrivateNonEnterprise,
                _ => F.RegisteredFoundations,
            };
            var history = await StatisticsFixture.JsonAsync(
                await organizations.GetAsync($"/api/organizations/{uscc}/history"), HttpStatusCode.OK);
            CountReportsDue(counts, office, record, Items(history).ToList(), today);
            foreach (var e in Items(history))
            {
                var date = Date(e, "date");
                var abnormal = e.TryGetProperty("list", out var list) && list.GetString() == "abnormal";
                var figure = e.GetProperty("kind").GetString() switch
                {
                    "registered" => registered,
                    "annual-report-filed" => F.ReportsFiled,
                    "inspection-recorded" => e.GetProperty("ground").GetString() switch
                    {
                        "pass" => F.InspectionsPass,
                        "basic-pass" => F.InspectionsBasicPass,
                        _ => F.InspectionsFail,
                    },
                    "deregistered" => F.Deregistered,
                    "registration-revoked" => F.Revoked,
                    "listed" => abnormal ? F.AbnormalEntered : F.DishonestEntered,
                    "removed-from-list" => abnormal ? F.AbnormalRemoved : F.DishonestRemoved,
                    _ => null,
                };
                if (figure is not null)
                {
                    counts.Add(office, figure, date);
                }
            }
        }

        var places = fixture.Client("reader-places", "100000", "registrar.places");
        foreach (var id in fixture.PlaceNames)
        {
            var record = await StatisticsFixture.JsonAsync(await places.GetAsync($"/api/place-names/{id}"),
                HttpStatusCode.OK);
            var office = record.GetProperty("divisionCode").GetString()![..6];
            var street = record.GetProperty("category").GetString() == "street";
            var history = await StatisticsFixture.JsonAsync(await places.GetAsync($"/api/place-names/{id}/history"),
                HttpStatusCode.OK);
            foreach (var e in Items(history))
            {
                var date = Date(e, "effectiveDate");
                var kind = e.GetProperty("kind").GetString();
                var figure = kind switch
                {
                    "proposed" => F.PlacesProposed,
                    "approved" => F.PlacesApproved,
                    "announced" => F.PlacesAnnounced,
                    "renamed" => F.PlacesRenamed,
                    "abolished" => F.PlacesAbolished,
                    "house-number-assigned" => F.HouseNumbersAssigned,
                    _ => null,
                };
                if (figure is not null)
                {
                    counts.Add(office, figure, date);
                }

                if (kind == "approved" && street)
                {
                    counts.Add(office, F.RoadsNamed, date);
                }
            }
        }

        return counts;
    }

    /// <summary>
    /// Reports due, by the definition: for each report year from the founding year whose window (the default, 1 January
    /// to 31 May of the next year) closes after registration, once the previous year's window has closed by
    /// <paramref name="today"/>: due when filed, or when the organization had not ended before its window closed;
    /// counted on the window's last day, and among the inspected when an inspection of that year is recorded.
    /// </summary>
    private static void CountReportsDue(RecordCounts counts, string office, JsonElement record,
        IReadOnlyList<JsonElement> history, DateOnly today)
    {
        var founded = Date(record, "foundedOn");
        var registered = Date(record, "registeredOn");
        var ended = history.Where(e => e.GetProperty("kind").GetString() is "deregistered" or "registration-revoked")
            .Select(e => (DateOnly?)Date(e, "date")).FirstOrDefault();
        int? YearOf(JsonElement e) => e.GetProperty("year").ValueKind == JsonValueKind.Number
            ? e.GetProperty("year").GetInt32() : null;
        var filed = history.Where(e => e.GetProperty("kind").GetString() == "annual-report-filed").Select(YearOf)
            .ToHashSet();
        var inspected = history.Where(e => e.GetProperty("kind").GetString() == "inspection-recorded")
            .Select(YearOf).ToHashSet();
        for (var year = founded.Year; new DateOnly(year, 6, 1) <= today; year++)
        {
            var closes = new DateOnly(year + 1, 5, 31);
            var due = filed.Contains(year) || (closes >= registered && (ended is null || ended > closes));
            if (due)
            {
                counts.Add(office, F.ReportsDue, closes);
                if (inspected.Contains(year))
                {
                    counts.Add(office, F.ReportsDueInspected, closes);
                }
            }
        }
    }

    /// <summary>The count of <paramref name="figure"/> at offices matching <paramref name="office"/> in the
    /// period.</summary>
    public long Count(Func<string, bool> office, string figure, DateOnly from, DateOnly to) =>
        events.Count(e => office(e.Office) && e.Figure == figure && e.Date >= from && e.Date <= to);

    public IReadOnlyList<string> Offices => events.Select(e => e.Office).Distinct().Order().ToList();

    public IReadOnlyList<string> Figures => events.Select(e => e.Figure).Distinct().ToList();

    public IReadOnlyList<DateOnly> Dates => events.Select(e => e.Date).Distinct().Order().ToList();

    private void Add(string office, string figure, DateOnly date) => events.Add((office, figure, date));

    private static IEnumerable<JsonElement> Items(JsonElement history) =>
        history.ValueKind == JsonValueKind.Array ? history.EnumerateArray()
        : history.GetProperty(history.TryGetProperty("events", out _) ? "events" : "items").EnumerateArray();

    private static DateOnly Date(JsonElement e, string property) => DateOnly.Parse(e.GetProperty(property).GetString()!,
        System.Globalization.CultureInfo.InvariantCulture);
}
