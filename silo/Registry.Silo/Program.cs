using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;
using Registry.Hosting;
using Registry.Hosting.Configuration;
using Registry.Hosting.Divisions;
using Registry.Hosting.Places;
using Registry.Hosting.Telemetry;

// `dotnet run --project silo/Registry.Silo` runs one silo; `... -- import-divisions [directory]` seeds the official
// division lists into the configured storage and exits (idempotent); `... -- import-places <cities.json> [report.csv]`
// imports a GeoNames extract as external reference names and writes the rejection report (idempotent).
string[] commands = ["import-divisions", "import-places"];
var builder = Host.CreateApplicationBuilder(args.SkipWhile(commands.Contains).ToArray());
if (args.FirstOrDefault() == "import-places")
{
    using var host = BuildToolHost(builder);
    var paths = args.Skip(1).Where(arg => !arg.StartsWith('-')).ToList();
    if (paths.Count == 0)
    {
        Console.Error.WriteLine("usage: import-places <cities.json> [rejections.csv]");
        Environment.ExitCode = 2;
        return;
    }

    var result = await host.Services.GetRequiredService<GazetteerImporter>().ImportAsync(paths[0]);
    var report = paths.Count > 1 ? paths[1] : Path.GetFileNameWithoutExtension(paths[0]) + ".rejections.csv";
    await File.WriteAllTextAsync(report, result.RejectionReportCsv());
    Console.WriteLine($"{result.Rows} rows read, {result.Accepted} accepted, {result.Inserted} inserted (the others were already stored), {result.Rejections.Count} rejected (report: {report}).");
    foreach (var group in result.Rejections.GroupBy(r => r.Reason).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        Console.WriteLine($"  {group.Key}: {group.Count()}");
    }

    Console.WriteLine($"Source: {GazetteerImporter.Credit}. Index partitions read stored records when they start; a running service rebuilds them with POST /api/place-names/index/rebuild.");
    return;
}

if (args.FirstOrDefault() == "import-divisions")
{
    using var host = BuildToolHost(builder);
    var directory = args.Skip(1).FirstOrDefault(arg => !arg.StartsWith('-')) ?? DivisionReferenceData.DefaultDirectory;
    var inserted = await host.Services.GetRequiredService<DivisionSeeder>().SeedAsync(directory);
    Console.WriteLine($"{inserted} divisions inserted; the others were already stored.");
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

// A host with the configured storage and the silo's services but no silo, for the import commands; it says which
// storage it writes to.
static IHost BuildToolHost(HostApplicationBuilder builder)
{
    var options = RegistryOptions.From(builder.Configuration);
    builder.Services.AddRegistryStorageBackend(options).AddRegistrySiloServices(options);
    Console.WriteLine($"Storage: {Describe(options)}");
    return builder.Build();
}

static string Describe(RegistryOptions options) => options.Storage.Provider == StorageProvider.Sqlite
    ? $"SQLite {options.DatabasePath}"
    : options.Storage.Provider.ToString();
