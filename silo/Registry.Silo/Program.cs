using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Registry.Grains.Places;
using Registry.Hosting;
using Registry.Hosting.Configuration;
using Registry.Hosting.Divisions;
using Registry.Hosting.Places;
using Registry.Hosting.Telemetry;

// `dotnet run --project silo/Registry.Silo` runs one silo; `... -- import-divisions [--edition YYYY-MM-DD DIR]` seeds
// the shipped division editions, or imports one edition, into the configured storage and exits (idempotent);
// `... -- import-places <cities.json> [report.csv]` imports a GeoNames extract as external reference names and writes
// the rejection report (idempotent); `... -- migrate-storage [archive.jsonl.gz]` moves a SQLite data directory or
// PostgreSQL schema written by a build that kept a storage history copy to the state-only layout, archiving that copy
// first, moves the access log's day partitions into its append-only table and the person-name index into its
// partitions by page key, and builds the SQLite access log's subject index (idempotent; silos stopped).
// `... -- import-place-stock [villages.csv] [report.csv]` enters the official townships and streets (if not seeded
// yet) and, given the file, the village-level seats of divisions-2023-villages.csv as names in force (idempotent).
string[] commands = ["import-divisions", "import-places", "import-place-stock", "migrate-storage"];
var builder = Host.CreateApplicationBuilder(Settings(args.SkipWhile(commands.Contains).ToList()));
if (args.FirstOrDefault() == "import-places")
{
    using var host = await BuildToolHostAsync(builder);
    var paths = args.Skip(1).Where(arg => !arg.StartsWith('-')).ToList();
    if (paths.Count == 0)
    {
        Console.Error.WriteLine("usage: import-places <cities.json> [rejections.csv]");
        Environment.ExitCode = 2;
        return;
    }

    var result = await UnreadableFileRefused(paths[0],
        () => host.Services.GetRequiredService<GazetteerImporter>().ImportAsync(paths[0]));
    if (result is null)
    {
        return;
    }

    var report = paths.Count > 1 ? paths[1] : Path.GetFileNameWithoutExtension(paths[0]) + ".rejections.csv";
    await File.WriteAllTextAsync(report, result.RejectionReportCsv());
    Console.WriteLine($"{result.Rows} rows read, {result.Accepted} accepted, {result.Inserted} inserted (the others were already stored), {result.Rejections.Count} rejected (report: {report}).");
    foreach (var group in result.Rejections.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {group.Key}: {group.Count()}");
    }

    if (result.Inserted > 0)
    {
        // The records were written without their grains, so no index update was published: the index builds
        // from the records once at the next start.
        await host.Services.GetRequiredService<PlaceNameIndexReset>().ForgetCheckpointsAsync();
    }

    Console.WriteLine($"Source: {GazetteerImporter.Credit}. The search index builds from the records once when the service next starts; a running service rebuilds it with POST /api/place-names/index/rebuild.");
    return;
}

if (args.FirstOrDefault() == "import-place-stock")
{
    using var host = await BuildToolHostAsync(builder);
    var stock = host.Services.GetRequiredService<PlaceNameStock>();
    var paths = args.Skip(1).Where(arg => !arg.StartsWith('-')).ToList();
    var townships = await stock.SeedTownshipsAsync(DivisionReferenceData.DefaultDirectory);
    Console.WriteLine(townships is null
        ? "Townships and streets: seeded before."
        : $"Townships and streets: {townships.Rows} rows, {townships.Recorded} recorded ({townships.Flagged} flagged as duplicates, {townships.CharacterFlags.Count} flagged {NameCharacters.Flag}), {townships.Rejections.Count} rejected.");
    if (paths.Count == 0)
    {
        Console.WriteLine("usage: import-place-stock [divisions-2023-villages.csv] [report.csv]");
        return;
    }

    var villages = await UnreadableFileRefused(paths[0],
        () => stock.ImportVillagesAsync(paths[0], DivisionReferenceData.DefaultDirectory));
    if (villages is null)
    {
        return;
    }

    var report = paths.Count > 1 ? paths[1] : Path.GetFileNameWithoutExtension(paths[0]) + ".report.csv";
    await File.WriteAllTextAsync(report, villages.ReportCsv());
    Console.WriteLine($"Village-level seats: {villages.Rows} rows, {villages.Recorded} recorded ({villages.Flagged} flagged as duplicates, {villages.CharacterFlags.Count} flagged {NameCharacters.Flag} and recorded as written; the others already stored are left as they are), {villages.Rejections.Count} rejected (report of both: {report}).");
    foreach (var group in villages.Rejections.GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {group.Key}: {group.Count()}");
    }

    Console.WriteLine($"Source: {PlaceNameStock.Source}. The search index builds from the records once when the service next starts; a running service rebuilds it with POST /api/place-names/index/rebuild.");
    return;
}

if (args.FirstOrDefault() == "migrate-storage")
{
    var options = RegistryOptions.From(builder.Configuration);
    var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    var archive = args.Skip(1).FirstOrDefault(arg => !arg.StartsWith('-'));
    Registry.Storage.HistoryRetirementReport moved;
    switch (options.Storage.Provider)
    {
        case StorageProvider.Sqlite:
            archive ??= Path.Combine(options.DataDirectory, $"grain-history-{stamp}.jsonl.gz");
            Console.WriteLine($"Storage: SQLite {options.DatabasePath}");
            moved = await Registry.Storage.Sqlite.SqliteHistoryRetirement.RetireAsync(options.DatabasePath, archive);
            break;
        case StorageProvider.PostgreSql:
            archive ??= $"grain-history-{options.Storage.Schema}-{stamp}.jsonl.gz";
            Console.WriteLine($"Storage: PostgreSQL schema {options.Storage.Schema}");
            moved = await Registry.Storage.PostgreSql.PostgreSqlHistoryRetirement.RetireAsync(
                options.Storage.ConnectionString!, options.Storage.Schema, archive);
            break;
        default:
            Console.Error.WriteLine("migrate-storage moves SQLite and PostgreSQL storage; AzureTable has nothing to move.");
            Environment.ExitCode = 2;
            return;
    }

    Console.WriteLine(moved.AlreadyRetired
        ? $"Nothing to move: {moved.States} states, no history copy left."
        : $"{moved.States} states verified; {moved.HistoryRows} history rows archived to {Path.GetFullPath(moved.ArchivePath!)} " +
          $"(SHA-256 of its lines {moved.ArchiveSha256}) and dropped from storage.");

    // The access log's (day, shard) partitions of earlier builds become entries of the append-only log.
    Registry.Storage.IGrainStateStore store = options.Storage.Provider == StorageProvider.Sqlite
        ? new Registry.Storage.Sqlite.SqliteGrainStateStore(options.DatabasePath) { FollowAccessLogSubjects = false }
        : new Registry.Storage.PostgreSql.PostgreSqlGrainStateStore(options.Storage.ConnectionString!,
            options.Storage.Schema);
    try
    {
        await store.InitializeAsync();
        var (partitions, entries) = await Registry.Hosting.Persons.AccessLogMigration.MoveAsync(store);
        Console.WriteLine(partitions == 0
            ? "Access log: nothing to move, it is append-only already."
            : $"Access log: {entries} entries of {partitions} day partitions moved into the append-only log.");

        var (names, nameEntries) = await Registry.Hosting.Persons.PersonNameIndexMigration.MoveAsync(store);
        Console.WriteLine(names == 0
            ? "Person-name index: nothing to move, it is kept by page key already."
            : $"Person-name index: {nameEntries} entries of {names} names moved into the partitions by page key.");

        if (store is Registry.Storage.Sqlite.SqliteGrainStateStore sqlite)
        {
            // Built here rather than by the first start's follower, while the service would already be answering.
            var indexed = await Task.Run(sqlite.IndexAccessLogSubjects);
            Console.WriteLine(indexed == 0
                ? "Access log's subject index: up to date."
                : $"Access log's subject index: {indexed} entries indexed into {sqlite.AccessLogSubjectsPath}.");
        }
    }
    finally
    {
        (store as IDisposable)?.Dispose();
    }

    return;
}

if (args.FirstOrDefault() == "import-divisions")
{
    using var host = await BuildToolHostAsync(builder);
    var seeder = host.Services.GetRequiredService<DivisionSeeder>();
    var editionAt = Array.IndexOf(args, "--edition");
    if (editionAt < 0)
    {
        var inserted = await seeder.SeedAsync();
        Console.WriteLine($"Shipped editions: {inserted} division records inserted; the others were already stored.");
        return;
    }

    if (editionAt + 2 >= args.Length || !DateOnly.TryParseExact(args[editionAt + 1], "yyyy-MM-dd", out var cutOff) ||
        !Directory.Exists(args[editionAt + 2]))
    {
        Console.Error.WriteLine("usage: import-divisions [--edition YYYY-MM-DD DIR]   (DIR holds provinces.csv, cities.csv, areas.csv, streets.csv)");
        Environment.ExitCode = 2;
        return;
    }

    var written = await seeder.ImportEditionAsync(cutOff, args[editionAt + 2], new ConsoleProgress());
    Console.WriteLine($"Edition {cutOff:yyyy-MM-dd}: {written} division records written ({(written == 0 ? "already imported" : "stop and restart a running silo to read them")}).");
    return;
}

// Metrics and traces over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; the dashboard's grain profiler when the API
// serves the dashboard (Registry:Dashboard:Enabled, the same key on every process).
builder.Services.AddRegistryTelemetry(builder.Configuration, "registry-silo");
builder.UseOrleans(silo =>
{
    silo.AddRegistrySilo(builder.Configuration).AddActivityPropagation();
    if (builder.Configuration.GetValue<bool>("Registry:Dashboard:Enabled"))
    {
        silo.AddDashboard();
    }
});
await builder.Build().RunAsync();

// An import's file that is missing or not what the command reads is said in a line (exit 2), not a stack trace.
static async Task<T?> UnreadableFileRefused<T>(string path, Func<Task<T>> import) where T : class
{
    try
    {
        return await import();
    }
    catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or FileNotFoundException
                                  or DirectoryNotFoundException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"{path}: cannot be imported: {e.Message}");
        Environment.ExitCode = 2;
        return null;
    }
}

// The settings among a command's arguments (`--key=value`, or `--key value`), without its files: the configuration's
// command-line reader takes an argument that starts with '/' for a setting, so `import-places /srv/cities.json
// --Registry:DataDirectory=/srv/registry` made "srv/cities.json" a setting whose value was the data directory, and
// the import went to the default directory without a word.
static string[] Settings(IReadOnlyList<string> arguments)
{
    var settings = new List<string>();
    for (var i = 0; i < arguments.Count; i++)
    {
        if (!arguments[i].StartsWith("--", StringComparison.Ordinal))
        {
            continue;
        }

        settings.Add(arguments[i]);
        if (!arguments[i].Contains('=') && i + 1 < arguments.Count && !arguments[i + 1].StartsWith('-'))
        {
            settings.Add(arguments[++i]);
        }
    }

    return [.. settings];
}

// A host with the configured storage and the silo's services but no silo, for the import commands (on Azure Table
// storage the official provider, started here); it says which storage it writes to.
static async Task<IHost> BuildToolHostAsync(HostApplicationBuilder builder)
{
    var options = RegistryOptions.From(builder.Configuration);
    builder.Services.AddRegistryCommandStorage(options).AddRegistrySiloServices(options);
    Console.WriteLine($"Storage: {Describe(options)}");
    var host = builder.Build();
    await host.Services.StartCommandStorageAsync();
    return host;
}

static string Describe(RegistryOptions options) => options.Storage.Provider == StorageProvider.Sqlite
    ? $"SQLite {options.DatabasePath}"
    : options.Storage.Provider.ToString();

/// <summary>Prints an import's progress lines as they come, in order.</summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    public void Report(string value) => Console.WriteLine(value);
}
