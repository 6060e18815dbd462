using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Registry.Storage.AzureTable;

/// <summary>
/// The official Azure Table provider for the silo's commands (<c>import-divisions</c>, <c>import-places</c>,
/// <c>import-place-stock</c>), which run without a silo: the same provider, table, serializer and service id a silo
/// of the deployment writes with (<see cref="AzureTableGrainStorageExtensions"/>), so what a command stores reads
/// back in a grain as if the grain had written it. A silo initializes the provider in its start-up; here
/// <see cref="StartAsync"/> does (the table created if absent) before anything is read or written.
/// </summary>
public sealed class AzureTableToolStorage
{
    private readonly Lifecycle lifecycle = new();

    /// <summary>The provider over <paramref name="tableName"/> for the service <paramref name="serviceId"/>.</summary>
    public AzureTableToolStorage(string connectionString, string tableName, string serviceId,
        ILoggerFactory loggerFactory)
    {
        var options = new AzureTableStorageOptions();
        AzureTableGrainStorageExtensions.Configure(options, connectionString, tableName);
        var provider = new AzureTableGrainStorage(AzureTableGrainStorageExtensions.StatesOf("tool"), options,
            Options.Create(new ClusterOptions { ServiceId = serviceId }),
            loggerFactory.CreateLogger<AzureTableGrainStorage>(), new NewInstances());
        provider.Participate(lifecycle);
        Storage = provider;
    }

    /// <summary>The provider; usable once <see cref="StartAsync"/> has completed.</summary>
    public IGrainStorage Storage { get; }

    /// <summary>Initializes the provider as a silo's start-up would.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => lifecycle.StartAsync(cancellationToken);

    // The provider creates a state's default instance through Orleans' activators; the Registry's states are plain
    // classes with a parameterless constructor.
    private sealed class NewInstances : IActivatorProvider
    {
        public IActivator<T> GetActivator<T>() => new Activator<T>();

        private sealed class Activator<T> : IActivator<T>
        {
            public T Create() => System.Activator.CreateInstance<T>();
        }
    }

    // The start of a silo's lifecycle, for the observers the provider subscribes: each started in stage order.
    private sealed class Lifecycle : ISiloLifecycle
    {
        private readonly List<(int Stage, ILifecycleObserver Observer)> observers = [];

        public int HighestCompletedStage { get; private set; }

        public int LowestStoppedStage { get; private set; }

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            observers.Add((stage, observer));
            return new Unsubscriber();
        }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var (stage, observer) in observers.OrderBy(o => o.Stage))
            {
                await observer.OnStart(cancellationToken);
                HighestCompletedStage = stage;
            }
        }

        private sealed class Unsubscriber : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
