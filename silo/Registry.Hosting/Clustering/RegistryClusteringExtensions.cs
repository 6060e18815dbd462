using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Registry.Hosting.Configuration;
using Registry.Storage.Sqlite;
using StackExchange.Redis;

namespace Registry.Hosting.Clustering;

/// <summary>
/// How silos and clients find each other and where reminders live, from <c>Registry:Clustering</c>:
/// <c>Localhost</c> (one silo; reminders in the SQLite file under <c>Registry:DataDirectory</c>), <c>Redis</c>
/// (membership table and reminders in Redis; optionally Kubernetes hosting) or <c>AzureTable</c> (membership and
/// reminders in the storage account of <c>ConnectionStrings:registry</c>, official Orleans providers).
/// </summary>
public static class RegistryClusteringExtensions
{
    /// <summary>Cluster identity, membership, endpoints and Orleans' membership settings of a silo.</summary>
    public static ISiloBuilder AddRegistryClustering(this ISiloBuilder silo, RegistryOptions options,
        IConfiguration configuration)
    {
        var clustering = options.Clustering;
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = clustering.ClusterId;
            cluster.ServiceId = clustering.ServiceId;
        });

        switch (clustering.Provider)
        {
            case ClusteringProvider.Localhost:
                silo.UseLocalhostClustering(clustering.SiloPort, clustering.GatewayPort,
                    serviceId: clustering.ServiceId, clusterId: clustering.ClusterId);
                break;
            case ClusteringProvider.Redis:
                silo.UseRedisClustering(redis => redis.ConfigurationOptions = RedisConfiguration(clustering));
                silo.Configure<EndpointOptions>(endpoints => ConfigureEndpoints(endpoints, clustering));
                if (clustering.Kubernetes)
                {
                    // Pod name, pod IP, cluster and service id from the pod's environment (see deploy/kubernetes).
                    silo.UseKubernetesHosting();
                }

                break;
            case ClusteringProvider.AzureTable:
                silo.UseAzureStorageClustering(azure =>
                    azure.TableServiceClient = new TableServiceClient(options.Storage.ConnectionString));
                silo.Configure<EndpointOptions>(endpoints => ConfigureEndpoints(endpoints, clustering));
                break;
        }

        // One silo finds every grain in its own directory: a small cache of addresses keeps the grains called often
        // (index and statistics partitions) and lets go of the records a load touches once.
        var cacheSize = clustering.DirectoryCacheSize
            ?? (clustering.Provider == ClusteringProvider.Localhost ? RegistryClusteringOptions.OneSiloDirectoryCacheSize : null);
        if (cacheSize is { } size)
        {
            silo.Configure<GrainDirectoryOptions>(directory => directory.CacheSize = size);
        }

        // Ports taken by another silo (or program) on this machine fail the start here, named, instead of being shared.
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new ListeningPortsCheck(clustering));

        // Probe timeouts, missed-probe limits and death votes, e.g. Registry:Clustering:Membership:ProbeTimeout.
        silo.Services.Configure<ClusterMembershipOptions>(
            configuration.GetSection(RegistryClusteringOptions.MembershipSection));
        return silo;
    }

    /// <summary>
    /// Durable reminders: in the silo's SQLite file with localhost clustering (one silo), in Redis with Redis
    /// clustering (shared by every silo, which reminders need once ring ranges move between silos).
    /// </summary>
    public static ISiloBuilder AddRegistryReminders(this ISiloBuilder silo, RegistryOptions options)
    {
        switch (options.Clustering.Provider)
        {
            case ClusteringProvider.Localhost:
                // With SQLite grain storage this is the same store (and file); with another backend, the reminder
                // table still lives in registry.db under Registry:DataDirectory, beside the one silo.
                silo.Services.TryAddSingleton(provider =>
                    new SqliteGrainStateStore(options.DatabasePath, provider.GetService<TimeProvider>()));
                silo.UseSqliteReminderService();
                break;
            case ClusteringProvider.Redis:
                silo.UseRedisReminderService(redis =>
                    redis.ConfigurationOptions = RedisConfiguration(options.Clustering));
                break;
            case ClusteringProvider.AzureTable:
                silo.UseAzureTableReminderService(azure =>
                    azure.TableServiceClient = new TableServiceClient(options.Storage.ConnectionString));
                break;
        }

        return silo;
    }

    /// <summary>Where a client (the API in <c>Registry:Hosting=Client</c> mode) finds the silos' gateways.</summary>
    public static IClientBuilder UseRegistryClustering(this IClientBuilder client, RegistryOptions options)
    {
        var clustering = options.Clustering;
        client.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = clustering.ClusterId;
            cluster.ServiceId = clustering.ServiceId;
        });
        switch (clustering.Provider)
        {
            case ClusteringProvider.Localhost:
                client.UseLocalhostClustering(clustering.GatewayPort, clustering.ServiceId, clustering.ClusterId);
                break;
            case ClusteringProvider.Redis:
                client.UseRedisClustering(redis => redis.ConfigurationOptions = RedisConfiguration(clustering));
                break;
            case ClusteringProvider.AzureTable:
                client.UseAzureStorageClustering(azure =>
                    azure.TableServiceClient = new TableServiceClient(options.Storage.ConnectionString));
                break;
        }

        return client;
    }

    private static ConfigurationOptions RedisConfiguration(RegistryClusteringOptions clustering) =>
        ConfigurationOptions.Parse(clustering.RedisConnectionString!);

    private static void ConfigureEndpoints(EndpointOptions endpoints, RegistryClusteringOptions clustering)
    {
        endpoints.SiloPort = clustering.SiloPort;
        endpoints.GatewayPort = clustering.GatewayPort;
        if (string.IsNullOrWhiteSpace(clustering.AdvertisedIPAddress))
        {
            return;
        }

        var address = IPAddress.Parse(clustering.AdvertisedIPAddress);
        endpoints.AdvertisedIPAddress = address;
        endpoints.SiloListeningEndpoint = new IPEndPoint(address, clustering.SiloPort);
        endpoints.GatewayListeningEndpoint = clustering.GatewayPort > 0
            ? new IPEndPoint(address, clustering.GatewayPort)
            : null;
    }
}
