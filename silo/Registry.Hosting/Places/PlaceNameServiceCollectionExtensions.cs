using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Grains.Places;

namespace Registry.Hosting.Places;

/// <summary>Silo services of the place-name registry.</summary>
public static class PlaceNameServiceCollectionExtensions
{
    public static IServiceCollection AddPlaceNames(this IServiceCollection services, PlaceNameIndexOptions index)
    {
        services.TryAddSingleton(index);
        services.TryAddSingleton<GazetteerImporter>();
        services.TryAddSingleton<PlaceNameIndexReset>();
        services.TryAddSingleton<PlaceNameStock>();
        return services;
    }
}
