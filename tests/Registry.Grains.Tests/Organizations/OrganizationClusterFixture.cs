using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;
using Registry.Grains.Organizations;
using Registry.Hosting;
using Registry.Hosting.Configuration;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// A silo of its own for the organization tests, because they move its clock forward by months and years (the
/// shared cluster's clock must stay put for other features' tests). Real SQLite storage and reminder table in a
/// temporary directory, Orleans' runtime on real time; <see cref="LongWindowOffice"/> is configured with its own filing window (Jan 1 - Sep 30).
/// Tests in the collection run one after another and only ever move the clock forward.
/// </summary>
public class OrganizationClusterFixture : IAsyncLifetime
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-organizations-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    /// <summary>A real county whose office files annual reports Jan 1 - Sep 30.</summary>
    public static string LongWindowOffice { get; } = TestCodes.County(300);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public BureauClock Clock => new(Time, TimeZoneInfo.FindSystemTimeZoneById(BureauClock.DefaultTimeZoneId));

    public DateOnly Today => Clock.Today;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>The activations the current silo has finished deactivating (since it started).</summary>
    public DeactivationWitness Deactivations => SiloServices.GetRequiredService<DeactivationWitness>();

    /// <summary>The scans of stored records the current silo was asked for (counted since it started).</summary>
    public CountingStoredRecords StoredRecords => SiloServices.GetRequiredService<CountingStoredRecords>();

    public async ValueTask InitializeAsync()
    {
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Moves the clock to 10:00 bureau time on <paramref name="date"/>, which must not be in the past.</summary>
    public void AdvanceTo(DateOnly date)
    {
        var target = new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        Assert.True(target >= Time.GetUtcNow(), $"the clock is already past {date:yyyy-MM-dd}");
        Time.SetUtcNow(target);
    }

    /// <summary>Stops the silo and starts a new one on the same database, as after a crash or deployment.</summary>
    public async Task RestartAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Kills the silo (no deactivation: what its grains held in memory and had not stored is lost) and starts
    /// a new one on the same database, as after the process died.</summary>
    public async Task CrashAsync()
    {
        await Cluster.KillSiloAsync(Cluster.Silos[0]);
        await Cluster.DisposeAsync();
        Cluster = Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Settings a derived fixture changes (after the ones above).</summary>
    protected virtual void Configure(RegistryOptions options)
    {
    }

    private InProcessTestCluster Build()
    {
        var options = new RegistryOptions { DataDirectory = directory };
        options.Organizations.OfficeFilingWindows[LongWindowOffice] = new FilingWindowSetting { Opens = "01-01", Closes = "09-30" };
        // Place-name index snapshots only when a partition loads or rebuilds: a restart test decides what is in them.
        options.PlaceNameIndex.SnapshotInterval = TimeSpan.FromHours(1);
        // Organization index snapshots only when a partition deactivates: likewise.
        options.Organizations.Index.SnapshotInterval = TimeSpan.FromHours(1);
        Configure(options);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<TimeProvider>(Time);
            // Only the bureau's clock jumps: Orleans' own timers (messaging, membership, activation collection,
            // reminder delivery) keep real time, so moving the clock by a year neither times calls out nor replays
            // every periodic timer of the year. Tests deliver reminder ticks themselves, as the reminder service would.
            silo.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
            silo.Services.AddSingleton<CountingStoredRecords>();
            silo.Services.AddSingleton<IStoredRecords>(sp => sp.GetRequiredService<CountingStoredRecords>());
            silo.Services.AddSingleton<DeactivationWitness>();
            silo.Services.AddSingleton<IActivationWorkingSetObserver>(sp => sp.GetRequiredService<DeactivationWitness>());
            silo.AddRegistryRuntime(options);
        });
        return builder.Build();
    }
}

[CollectionDefinition(Name)]
public sealed class OrganizationClusterCollection : ICollectionFixture<OrganizationClusterFixture>
{
    public const string Name = "organization cluster";
}
