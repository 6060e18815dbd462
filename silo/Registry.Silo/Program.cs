using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Hosting;
using Registry.Hosting.Configuration;
using Registry.Hosting.Divisions;

// `dotnet run --project silo/Registry.Silo` runs one silo; `... -- import-divisions [directory]` seeds the official
// division lists into the configured storage and exits (idempotent).
var builder = Host.CreateApplicationBuilder(args.SkipWhile(arg => arg == "import-divisions").ToArray());
if (args.FirstOrDefault() == "import-divisions")
{
    var options = RegistryOptions.From(builder.Configuration);
    builder.Services.AddRegistryStorageBackend(options).AddRegistrySiloServices(options);
    using var host = builder.Build();
    var directory = args.Skip(1).FirstOrDefault(arg => !arg.StartsWith('-')) ?? DivisionReferenceData.DefaultDirectory;
    var inserted = await host.Services.GetRequiredService<DivisionSeeder>().SeedAsync(directory);
    Console.WriteLine($"{inserted} divisions inserted; the others were already stored.");
    return;
}

builder.UseOrleans(silo => silo.AddRegistrySilo(builder.Configuration));
await builder.Build().RunAsync();
