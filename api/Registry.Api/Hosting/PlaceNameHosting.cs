using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Api.Places;
using Registry.Hosting;

namespace Registry.Api.Hosting;

/// <summary>Services of the place-name endpoints: the imports of names in force, stopped with the host, and the
/// process's read replica of the search index, loaded once the service has started.</summary>
public static class PlaceNameHosting
{
    public static WebApplicationBuilder AddRegistryPlaceNames(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PlaceNameImportJobs>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlaceNameImportJobs>());
        builder.Services.TryAddSingleton<WarmupLane>();
        builder.Services.AddSingleton<PlaceNameReadReplica>();
        builder.Services.AddSingleton<PlaceNameIndexRebuilds>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PlaceNameReadReplica>());
        builder.Services.AddHostedService<PlaceNameReplicaPreload>();
        return builder;
    }
}
