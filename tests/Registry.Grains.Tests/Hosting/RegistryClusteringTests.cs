using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Registry.Hosting;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Hosting;

/// <summary>What a silo host is made of for each clustering setting (built, not started).</summary>
public sealed class RegistryClusteringTests
{
    private const string PostgreSql = "Host=127.0.0.1;Database=registry;Username=registry";

    private static IHost BuildSilo(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
            .Append(new("Registry:DataDirectory", Path.Combine(Path.GetTempPath(), "registry-hosting-" + Guid.NewGuid())))
            .Append(new("Registry:Seed:Divisions", "false")));
        builder.UseOrleans(silo => silo.AddRegistrySilo(builder.Configuration));
        return builder.Build();
    }

    private static readonly (string, string)[] RedisCluster =
    [
        ("Registry:Clustering:Provider", "Redis"), ("ConnectionStrings:redis", "127.0.0.1:6399"),
        ("Registry:Storage:Provider", "PostgreSql"), ("ConnectionStrings:registry", PostgreSql),
    ];

    [Fact]
    public void RedisClustering_KeepsMembershipAndRemindersInRedis()
    {
        using var host = BuildSilo(RedisCluster);

        Assert.Equal("RedisMembershipTable", host.Services.GetRequiredService<IMembershipTable>().GetType().Name);
        Assert.Equal("RedisReminderTable", host.Services.GetRequiredService<IReminderTable>().GetType().Name);
    }

    [Fact]
    public void RedisClustering_AdvertisedLoopback_ListensThereOnTheConfiguredPorts()
    {
        using var host = BuildSilo([.. RedisCluster,
            ("Registry:Clustering:AdvertisedIPAddress", "127.0.0.1"),
            ("Registry:Clustering:SiloPort", "21111"), ("Registry:Clustering:GatewayPort", "21112")]);

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        Assert.Equal(IPAddress.Loopback, endpoints.AdvertisedIPAddress);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 21111), endpoints.SiloListeningEndpoint);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 21112), endpoints.GatewayListeningEndpoint);
    }

    [Fact]
    public void Membership_SectionOverridesOrleansDefaults()
    {
        using var host = BuildSilo([.. RedisCluster,
            ("Registry:Clustering:Membership:ProbeTimeout", "00:00:02"),
            ("Registry:Clustering:Membership:NumMissedProbesLimit", "2")]);

        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(2), membership.ProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
    }

    [Fact]
    public void Kubernetes_AddsTheOrleansKubernetesHosting()
    {
        using var host = BuildSilo([.. RedisCluster, ("Registry:Clustering:Kubernetes", "true")]);

        Assert.NotNull(host.Services.GetService<IValidateOptions<KubernetesHostingOptions>>());
    }

    [Fact]
    public void Localhost_WithPostgreSqlState_KeepsRemindersInTheSilosSqliteFile()
    {
        using var host = BuildSilo(("Registry:Storage:Provider", "PostgreSql"), ("ConnectionStrings:registry", PostgreSql));

        Assert.IsType<SqliteReminderTable>(host.Services.GetRequiredService<IReminderTable>());
        Assert.IsType<Registry.Storage.PostgreSql.PostgreSqlGrainStateStore>(
            host.Services.GetRequiredService<Registry.Storage.IGrainStateStore>());
    }
}
