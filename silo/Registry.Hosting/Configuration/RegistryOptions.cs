using Microsoft.Extensions.Configuration;
using Registry.Abstractions.Time;
using Registry.Grains.Organizations;

namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry</c> configuration section: where data lives, how the service is hosted.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

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

    /// <summary>The <c>Registry:Organizations</c> section: annual-report filing windows.</summary>
    public OrganizationOptions Organizations { get; set; } = new();

    /// <summary>Binds the section; throws at start for values that cannot be used.</summary>
    public static RegistryOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<RegistryOptions>() ?? new RegistryOptions();
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

        Organizations.Validate();
    }
}
