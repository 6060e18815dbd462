using Microsoft.Extensions.Configuration;
using Registry.Abstractions.Time;
using Registry.Grains.Organizations;
using Registry.Grains.Places;

namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry</c> configuration section: where data lives, how the service is hosted.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>The name of the storage connection string (<c>ConnectionStrings:registry</c>).</summary>
    public const string StorageConnectionName = "registry";

    /// <summary>The name of the Redis connection string (<c>ConnectionStrings:redis</c>).</summary>
    public const string RedisConnectionName = "redis";

    /// <summary>Directory of the embedded SQLite database (<c>registry.db</c>). Relative paths are relative to the
    /// working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>Embedded</c>: the API co-hosts a silo. <c>Client</c>: the API joins a separate silo cluster.</summary>
    public RegistryHostingMode Hosting { get; set; } = RegistryHostingMode.Embedded;

    /// <summary>IANA zone whose calendar day is "today" for legal dates.</summary>
    public string TimeZone { get; set; } = BureauClock.DefaultTimeZoneId;

    public RegistryStorageOptions Storage { get; set; } = new();

    public RegistryClusteringOptions Clustering { get; set; } = new();

    public RegistrySeedOptions Seed { get; set; } = new();

    /// <summary>The <c>Registry:Testing</c> section: fault injection for tests (off by default).</summary>
    public RegistryTestingOptions Testing { get; set; } = new();

    /// <summary>The <c>Registry:Organizations</c> section: annual-report filing windows.</summary>
    public OrganizationOptions Organizations { get; set; } = new();

    /// <summary>The <c>Registry:PlaceNameIndex</c> section: the place-name index partitions' snapshots.</summary>
    public PlaceNameIndexOptions PlaceNameIndex { get; set; } = new();

    /// <summary>Binds the section; throws at start for values that cannot be used.</summary>
    public static RegistryOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<RegistryOptions>() ?? new RegistryOptions();
        options.Storage.ConnectionString = configuration.GetConnectionString(StorageConnectionName);
        options.Clustering.RedisConnectionString = configuration.GetConnectionString(RedisConnectionName);
        options.Validate();
        return options;
    }

    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, "registry.db"));

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    private void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new InvalidOperationException("Registry:DataDirectory must name a directory.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            throw new InvalidOperationException($"Registry:TimeZone '{TimeZone}' is not a known time zone.");
        }

        if (Clustering.SiloPort is < 1 or > 65535 || Clustering.GatewayPort is < 0 or > 65535)
        {
            throw new InvalidOperationException("Registry:Clustering ports must be between 1 and 65535.");
        }

        if (Clustering.SiloPort == Clustering.GatewayPort)
        {
            throw new InvalidOperationException(
                $"Registry:Clustering:SiloPort and Registry:Clustering:GatewayPort are both {Clustering.SiloPort}: " +
                "a silo needs two different ports.");
        }

        if (Clustering.DirectoryCacheSize is < 1)
        {
            throw new InvalidOperationException(
                $"Registry:Clustering:DirectoryCacheSize is {Clustering.DirectoryCacheSize}: a silo keeps at least one " +
                "grain address (without any, every call to a grain takes the placement path, also to grains called " +
                "thousands of times a second).");
        }

        if (!Enum.IsDefined(Storage.Provider))
        {
            throw new InvalidOperationException(
                $"Registry:Storage:Provider '{Storage.Provider}' is not one of " +
                string.Join(", ", Enum.GetNames<StorageProvider>()) + ".");
        }

        if (!Enum.IsDefined(Clustering.Provider))
        {
            throw new InvalidOperationException(
                $"Registry:Clustering:Provider '{Clustering.Provider}' is not one of " +
                string.Join(", ", Enum.GetNames<ClusteringProvider>()) + ".");
        }

        // An API in client mode stores nothing itself: storage settings are the silos'.
        if (Hosting == RegistryHostingMode.Embedded && Storage.Provider != StorageProvider.Sqlite
            && string.IsNullOrWhiteSpace(Storage.ConnectionString))
        {
            throw new InvalidOperationException(Storage.Provider == StorageProvider.PostgreSql
                ? "Registry:Storage:Provider is PostgreSql but ConnectionStrings:registry is empty: give the " +
                  "database's Npgsql connection string, e.g. " +
                  "Host=db;Port=5432;Database=registry;Username=registry;Password=..."
                : "Registry:Storage:Provider is AzureTable but ConnectionStrings:registry is empty: give the " +
                  "storage account's connection string " +
                  "(DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...).");
        }

        if (Clustering.Provider == ClusteringProvider.Redis)
        {
            if (string.IsNullOrWhiteSpace(Clustering.RedisConnectionString))
            {
                throw new InvalidOperationException(
                    "Registry:Clustering:Provider is Redis but ConnectionStrings:redis is empty: give the Redis " +
                    "server, e.g. 127.0.0.1:6379 (StackExchange.Redis syntax).");
            }

            if (Storage.Provider == StorageProvider.Sqlite && Hosting == RegistryHostingMode.Embedded)
            {
                // Every silo would have its own SQLite file: the cluster would hold several diverging registries.
                throw new InvalidOperationException(
                    "Registry:Clustering:Provider Redis runs several silos, which must share their storage: set " +
                    "Registry:Storage:Provider to PostgreSql or AzureTable (an embedded SQLite file is one silo's).");
            }
        }

        if (Clustering.Provider == ClusteringProvider.AzureTable && string.IsNullOrWhiteSpace(Storage.ConnectionString))
        {
            throw new InvalidOperationException(
                "Registry:Clustering:Provider is AzureTable but ConnectionStrings:registry is empty: give the " +
                "storage account's connection string (DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...).");
        }

        if (Clustering.Provider == ClusteringProvider.AzureTable && Storage.Provider == StorageProvider.Sqlite
            && Hosting == RegistryHostingMode.Embedded)
        {
            throw new InvalidOperationException(
                "Registry:Clustering:Provider AzureTable runs several silos, which must share their storage: set " +
                "Registry:Storage:Provider to AzureTable or PostgreSql.");
        }

        if (!string.IsNullOrWhiteSpace(Clustering.AdvertisedIPAddress)
            && !System.Net.IPAddress.TryParse(Clustering.AdvertisedIPAddress, out _))
        {
            throw new InvalidOperationException(
                $"Registry:Clustering:AdvertisedIPAddress '{Clustering.AdvertisedIPAddress}' is not an IP address.");
        }

        if (Clustering.Kubernetes && Clustering.Provider != ClusteringProvider.Redis)
        {
            throw new InvalidOperationException(
                "Registry:Clustering:Kubernetes needs a shared membership table: set " +
                "Registry:Clustering:Provider to Redis.");
        }

        Organizations.Validate();
        PlaceNameIndex.Validate();
    }
}
