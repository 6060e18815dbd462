using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.IO;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Text;
using Registry.Api.Text;
using SpatialGeoJson = Registry.Abstractions.Spatial.GeoJson;

namespace Registry.Api.Places;

/// <summary>
/// Enters names already in force from a CSV text with the header
/// <c>name,romanization,category,divisionCode,geometry,approvingAuthority,approvedOn,status</c> (any order; geometry
/// as WKT or GeoJSON text, may be empty) or from a GeoJSON FeatureCollection whose features carry the same properties
/// and their geometry. Each row is parsed at this edge and sent to its place-name grain
/// (<see cref="IPlaceNameGrain.RecordAsync"/>), at most <see cref="Concurrency"/> at a time. A row's id is derived
/// from its particulars (division, category, name, approval, geometry), so a re-run finds every row stored
/// (idempotent) and a row repeated within the file is refused at its second line. A row the rules refuse is reported
/// with its line and rule; a row that duplicates or sounds like a current name is recorded and reported as flagged
/// (<c>place-name-duplicate</c>), and so is a name written with characters outside the standard a new name meets
/// (<c>characters-outside-standard</c>: parentheses, 、, Latin letters, rare characters; kept as written). Every <see cref="ProgressEvery"/> rows, and once at the end, the counts and the new
/// rows go to the caller's report function. A failure that is not a row's stops the import and propagates.
/// </summary>
public sealed class PlaceNameImporter(IGrainFactory grains, ILogger<PlaceNameImporter> logger)
{
    public const int Concurrency = 32;

    public const int ProgressEvery = 2_000;

    /// <summary>The one status a row may name (or leave empty): names in force enter as recorded.</summary>
    public const string RecordedStatus = "recorded";

    public static readonly IReadOnlyList<string> Columns =
        ["name", "romanization", "category", "divisionCode", "geometry", "approvingAuthority", "approvedOn", "status"];

    /// <summary>One row as read: its line (CSV) or feature number (GeoJSON), its fields by column, its geometry text.</summary>
    public sealed record SourceRow(long Line, IReadOnlyDictionary<string, string> Fields, string? Geometry);

    /// <summary>A row ready for its grain.</summary>
    public sealed record ParsedRow(long Line, string Id, RecordPlaceName Command);

    public async Task<PlaceNameImportProgress> ImportAsync(IAsyncEnumerable<SourceRow> rows, string source,
        Func<PlaceNameImportProgress, Task> report, CancellationToken cancellationToken)
    {
        var run = new Run();
        using var reporting = new SemaphoreSlim(1, 1);
        async Task ReportAsync(bool final)
        {
            if (!final && !await reporting.WaitAsync(0, cancellationToken))
            {
                return;
            }

            if (final)
            {
                await reporting.WaitAsync(cancellationToken);
            }

            try
            {
                var progress = run.Take();
                logger.LogInformation("Place-name import {Source}: {Rows} rows, {Recorded} recorded, {AlreadyStored} " +
                    "already stored, {Rejected} rejected, {Flagged} flagged", source, progress.Rows, progress.Recorded,
                    progress.AlreadyStored, progress.Rejected, progress.Flagged);
                await report(progress);
            }
            finally
            {
                reporting.Release();
            }
        }

        await Parallel.ForEachAsync(Parsed(rows, source, run, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (row, _) =>
            {
                try
                {
                    var outcome = await grains.Get<IPlaceNameGrain>(row.Id).RecordAsync(row.Command);
                    Interlocked.Increment(ref outcome.AlreadyStored ? ref run.AlreadyStored : ref run.Recorded);
                    var flags = new List<PlaceNameImportRow>();
                    if (outcome.Flags.Count > 0)
                    {
                        flags.Add(new PlaceNameImportRow(row.Line, row.Command.Name, "place-name-duplicate", "name",
                            $"Recorded as {outcome.Id}; it duplicates or sounds like {string.Join("; ", outcome.Flags)}."));
                    }

                    if (outcome.CharacterFlags.Count > 0)
                    {
                        flags.Add(new PlaceNameImportRow(row.Line, row.Command.Name, Grains.Places.NameCharacters.Flag, "name",
                            $"Recorded as {outcome.Id} as written (a name in force); characters outside the standard a new name meets: {string.Join("; ", outcome.CharacterFlags)}."));
                    }

                    run.Flag(flags);
                }
                catch (DomainException e)
                {
                    run.Reject(new PlaceNameImportRow(row.Line, row.Command.Name, e.Rule, e.Field, e.Message));
                }

                if (Interlocked.Increment(ref run.Done) % ProgressEvery == 0)
                {
                    await ReportAsync(final: false);
                }
            });

        await ReportAsync(final: true);
        return run.Take();
    }

    /// <summary>The columns' positions by name; a header without one of <see cref="Columns"/> is a 400
    /// <c>import-columns</c> naming the missing ones. Pure.</summary>
    public static Dictionary<string, int> CheckHeader(string? header)
    {
        var fields = header is null ? null : CsvLine.Fields(header.TrimStart('\uFEFF'));
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; fields is not null && i < fields.Count; i++)
        {
            columns.TryAdd(fields[i].Trim(), i);
        }

        var missing = Columns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw DomainException.Invalid("import-columns", "body",
                $"The first line names the columns: {string.Join(",", Columns)} (any order); missing: {string.Join(", ", missing)}.");
        }

        return columns;
    }

    /// <summary>The rows of a CSV text whose header was checked (<see cref="CheckHeader"/>); a line whose quoting is
    /// broken or that is short of fields comes as a row with no fields (refused as <c>import-row-malformed</c>).</summary>
    public static async IAsyncEnumerable<SourceRow> CsvRowsAsync(TextReader csv,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var columns = CheckHeader(await csv.ReadLineAsync(cancellationToken));
        var width = columns.Values.Max() + 1;
        var line = 1L;
        while (await csv.ReadLineAsync(cancellationToken) is { } text)
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = CsvLine.Fields(text);
            if (fields is null || fields.Count < width)
            {
                yield return new SourceRow(line, new Dictionary<string, string>(), null);
                continue;
            }

            var geometry = fields[columns["geometry"]].Trim();
            yield return new SourceRow(line, columns.ToDictionary(c => c.Key, c => fields[c.Value].Trim(), StringComparer.Ordinal),
                geometry.Length == 0 ? null : geometry);
        }
    }

    /// <summary>The features of a GeoJSON FeatureCollection as rows (numbered from 1); a 400 <c>import-geojson</c>
    /// when the text is not one.</summary>
    public static IReadOnlyList<SourceRow> GeoJsonRows(JsonElement root)
    {
        IReadOnlyList<SpatialGeoJson.RawFeature> features;
        try
        {
            features = SpatialGeoJson.ReadFeatureCollection(root);
        }
        catch (FormatException e)
        {
            throw DomainException.Invalid("import-geojson", "body", e.Message);
        }

        return features.Select(f => new SourceRow(f.Index + 1,
            Columns.Where(c => c != "geometry").ToDictionary(c => c, c => f.Text(c)?.Trim() ?? "", StringComparer.Ordinal),
            f.Geometry is { ValueKind: JsonValueKind.Object } g ? g.GetRawText() : null)).ToList();
    }

    /// <summary>One row as a command with its id, or the rejection naming what is wrong with it. Pure.</summary>
    public static (ParsedRow? Row, PlaceNameImportRow? Rejection) Parse(SourceRow row, string source)
    {
        if (row.Fields.Count == 0)
        {
            return (null, new PlaceNameImportRow(row.Line, null, "import-row-malformed", null,
                "The line's quoting is broken or it has fewer fields than the header names."));
        }

        string Field(string name) => row.Fields.TryGetValue(name, out var value) ? value : "";
        var name = Field("name");
        PlaceNameImportRow Reject(string rule, string field, string message) =>
            new(row.Line, name.Length == 0 ? null : name, rule, field, message);

        if (name.Length == 0)
        {
            return (null, Reject("field-required", "name", "'name' is required."));
        }

        if (!TryCategory(Field("category"), out var category))
        {
            return (null, Reject("place-category", "category",
                $"'category' is one of {ApiTerms.Values<PlaceCategory>()}."));
        }

        var division = Field("divisionCode");
        if (!DivisionCode.IsWellFormed(division))
        {
            return (null, Reject("division-code-format", "divisionCode",
                "A division code is 6 digits (GB/T 2260) or 9 digits (statistical township code)."));
        }

        DateOnly? approvedOn = null;
        if (Field("approvedOn") is { Length: > 0 } date)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return (null, Reject("date-format", "approvedOn", "'approvedOn' is a date YYYY-MM-DD."));
            }

            approvedOn = parsed;
        }

        if (Field("status") is { Length: > 0 } status && status != RecordedStatus)
        {
            return (null, Reject("import-status", "status",
                $"Names in force enter with status '{RecordedStatus}' (or an empty status); proposals go through POST /api/place-names."));
        }

        byte[]? geometry = null;
        if (row.Geometry is { } text)
        {
            try
            {
                geometry = Wgs84.ToWkb(text.StartsWith('{')
                    ? SpatialGeoJson.ReadGeometry(JsonDocument.Parse(text).RootElement)
                    : new WKTReader().Read(text));
            }
            catch (Exception e) when (e is FormatException or JsonException or ParseException or ArgumentException)
            {
                return (null, Reject("geometry-invalid", "geometry",
                    "'geometry' is empty, WKT (e.g. from ogr2ogr) or a GeoJSON geometry object."));
            }
        }

        var policed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in new[] { "romanization", "approvingAuthority" })
        {
            try
            {
                policed[field] = TextPolicy.Apply(Field(field), TextKind.Line, TextPolicy.DefaultMaxLength(TextKind.Line));
            }
            catch (TextPolicyException e)
            {
                return (null, Reject(e.Rule, field, e.Message));
            }
        }

        var command = new RecordPlaceName(name, policed["romanization"], category, division, geometry,
            policed["approvingAuthority"], approvedOn, $"{source} line {row.Line}");
        return (new ParsedRow(row.Line, Grains.Places.PlaceName.RecordedId(command), command), null);
    }

    private static bool TryCategory(string text, out PlaceCategory category)
    {
        foreach (var value in Enum.GetValues<PlaceCategory>())
        {
            if (ApiTerms.Value(value) == text)
            {
                category = value;
                return true;
            }
        }

        category = default;
        return false;
    }

    private async IAsyncEnumerable<ParsedRow> Parsed(IAsyncEnumerable<SourceRow> rows, string source, Run run,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            Interlocked.Increment(ref run.Rows);
            var (parsed, rejection) = Parse(row, source);
            if (rejection is not null)
            {
                run.Reject(rejection);
                run.Skipped();
                continue;
            }

            if (!seen.Add(parsed!.Id))
            {
                run.Reject(new PlaceNameImportRow(row.Line, parsed.Command.Name, "import-duplicate-row", null,
                    "The same name with the same division, category, approval and geometry is on an earlier row of this file."));
                run.Skipped();
                continue;
            }

            yield return parsed;
        }
    }

    /// <summary>Counts of one run, shared by the reader and the grain calls; rows wait here for the next report.</summary>
    private sealed class Run
    {
        public long Rows;
        public long Recorded;
        public long AlreadyStored;
        public long Rejected;
        public long Flagged;
        public long Done;
        private readonly ConcurrentQueue<PlaceNameImportRow> rejections = new();
        private readonly ConcurrentQueue<PlaceNameImportRow> flags = new();
        private readonly ConcurrentDictionary<string, long> byRule = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, long> flaggedByRule = new(StringComparer.Ordinal);

        public void Reject(PlaceNameImportRow rejection)
        {
            byRule.AddOrUpdate(rejection.Rule, 1, (_, n) => n + 1);
            if (Interlocked.Increment(ref Rejected) <= PlaceNameImportJobDetails.MaxStoredRows)
            {
                rejections.Enqueue(rejection);
            }
        }

        /// <summary>A recorded row's flags: the row counted once, each flag by its rule.</summary>
        public void Flag(IReadOnlyList<PlaceNameImportRow> rowFlags)
        {
            if (rowFlags.Count == 0)
            {
                return;
            }

            var stored = Interlocked.Increment(ref Flagged) <= PlaceNameImportJobDetails.MaxStoredRows;
            foreach (var flag in rowFlags)
            {
                flaggedByRule.AddOrUpdate(flag.Rule, 1, (_, n) => n + 1);
                if (stored)
                {
                    flags.Enqueue(flag);
                }
            }
        }

        public void Skipped() => Interlocked.Increment(ref Done);

        public PlaceNameImportProgress Take()
        {
            static List<PlaceNameImportRow> Drain(ConcurrentQueue<PlaceNameImportRow> queue)
            {
                var taken = new List<PlaceNameImportRow>();
                while (queue.TryDequeue(out var row))
                {
                    taken.Add(row);
                }

                return taken;
            }

            return new PlaceNameImportProgress(Interlocked.Read(ref Rows), Interlocked.Read(ref Recorded),
                Interlocked.Read(ref AlreadyStored), Interlocked.Read(ref Rejected),
                byRule.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
                Interlocked.Read(ref Flagged), Drain(rejections), Drain(flags))
            {
                FlaggedByRule = flaggedByRule.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value),
            };
        }
    }
}
