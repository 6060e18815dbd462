using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Grains.Places;
using Registry.Storage;

namespace Registry.Hosting.Places;

/// <summary>Silo services of the place-name registry.</summary>
public static class PlaceNameServiceCollectionExtensions
{
    public static IServiceCollection AddPlaceNames(this IServiceCollection services, PlaceNameIndexOptions index)
    {
        services.TryAddSingleton(index);
        services.TryAddSingleton<GazetteerImporter>();
        // The stock's import also resets the index's stored checkpoints, which only the Registry's own stores keep.
        services.TryAddSingleton(provider => provider.GetService<IGrainStateStore>() is not null
            ? ActivatorUtilities.CreateInstance<PlaceNameStock>(provider)
            : throw new InvalidOperationException(
                "The township stock is imported into the Registry's own store (Registry:Storage:Provider Sqlite or " +
                "PostgreSql); on Azure Table storage, register the names through the place-name API."));
        return services;
    }
}
