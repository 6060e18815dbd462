using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Grains.Marriages;
using Registry.Hosting;
using Registry.Hosting.Configuration;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Marriages;

/// <summary>
/// An in-process silo of its own for the marriage registry: its tests move the clock forward through cooling-off
/// periods, which must not leak into other features' tests. Real SQLite storage and reminders in a temporary
/// directory, the division lists seeded, and a holiday calendar configured for <see cref="HolidayReceiptDay"/>.
/// Reminders run on the system clock, so tests call <see cref="IMarriageGrain.ApplyDeadlinesAsync"/> themselves,
/// as the reminder's tick would.
/// </summary>
public sealed class MarriageClusterFixture : IAsyncLifetime
{
    /// <summary>The day the holiday test receives its application; no other test moves the clock that far.</summary>
    public static readonly DateOnly HolidayReceiptDay = new(2031, 3, 4);

    /// <summary>Configured holidays: the natural end of that application's cooling-off period and the day
    /// after.</summary>
    public static readonly DateOnly[] Holidays = [HolidayReceiptDay.AddDays(30), HolidayReceiptDay.AddDays(31)];

    private static int offices;

    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-marriages-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider SiloServices => Cluster.Silos[0].ServiceProvider;

    /// <summary>The silo's store, which can hold a write back to commit it late.</summary>
    public LateCommitStore Store => SiloServices.GetRequiredService<LateCommitStore>();

    public string DatabasePath => Path.Combine(directory, "registry.db");

    /// <summary>The state of grain <paramref name="key"/> stored under <paramref name="stateName"/> (its grain type
    /// too), read straight from storage as <typeparamref name="T"/>; null when none is stored.</summary>
    public async Task<T?> StoredStateAsync<T>(string stateName, string key) where T : class
    {
        var stored = await Store.ReadAsync(new GrainStateKey(stateName, GrainId.Create(stateName, key).ToString()),
            TestContext.Current.CancellationToken);
        return stored is null
            ? null
            : System.Text.Json.JsonSerializer.Deserialize<T>(stored.StateJson, RegistryJson.StateOptions);
    }

    /// <summary>The bureau's date now (Asia/Shanghai).</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    public async ValueTask InitializeAsync()
    {
        var options = new RegistryOptions { DataDirectory = directory };
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            // Only the bureau's calendar runs on the fake clock. Orleans keeps the system clock: a FakeTimeProvider
            // moved months ahead would fire the runtime's periodic timers once for every period skipped.
            silo.Services.AddSingleton(new BureauClock(Time, options.ResolveTimeZone()));
            silo.AddRegistryRuntime(options);
            silo.Services.AddSingleton(provider =>
                new LateCommitStore(provider.GetRequiredService<SqliteGrainStateStore>()));
            silo.Services.AddSingleton<IGrainStateStore>(provider => provider.GetRequiredService<LateCommitStore>());
            silo.Services.Configure<HolidayCalendarOptions>(calendar => calendar.Holidays = [.. Holidays]);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>A county-level office in force from the official lists, a different one per call.</summary>
    public static string NextOffice()
    {
        var counties = ReferenceDivisions.All.Where(d => d.Level == DivisionLevel.County).ToList();
        return counties[counties.Count - 1 - (Interlocked.Increment(ref offices) % counties.Count)].Code;
    }

    /// <summary>Moves the clock forward to <paramref name="day"/> at 10:00 in the bureau's zone.</summary>
    public void MoveTo(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        Assert.True(target >= Time.GetUtcNow(), $"The clock is already past {day:yyyy-MM-dd}.");
        Time.SetUtcNow(target);
    }

    public IMarriageGrain Marriage(string id) => Grains.GetGrain<IMarriageGrain>(id);

    public IPersonGrain Person(string idNumber) => Grains.GetGrain<IPersonGrain>(idNumber);

    public static RegisterMarriage Registration(string a, string b, string office) =>
        new(office, new MarriageParty(a, "甲" + a[^4..], "中国"), new MarriageParty(b, "乙" + b[^4..], "中国"),
            true, true, true);

    /// <summary>Registers under a new id, as the API does.</summary>
    public Task<MarriageRegistration> RegisterAsync(string a, string b, string office) =>
        Marriage(MarriageId.New(Time.GetUtcNow())).RegisterAsync(Registration(a, b, office));

    /// <summary>Runs <paramref name="call"/> as the named user, as the API's actor middleware would.</summary>
    public static async Task<T> AsUser<T>(string user, Func<Task<T>> call)
    {
        RequestContext.Set(AuditScope.ActorKey, user);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(AuditScope.ActorKey);
        }
    }
}
