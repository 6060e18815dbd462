namespace Registry.Api.Places;

/// <summary>
/// Starts loading the process's copy of the place-name index (<see cref="PlaceNameReadReplica"/>) as soon as the
/// service has started, instead of at the first search: loading activates the index partitions from their stored
/// snapshots, so at national scale (some 830,000 names) the first search after a restart finds them ready rather than
/// waiting for them. Searches meanwhile are answered by the partitions, as before. A failed load is logged and asked
/// again by the next search. Off with <c>Registry:PlaceNames:LoadIndexOnStart=false</c>.
/// </summary>
public sealed class PlaceNameReplicaPreload(PlaceNameReadReplica replica, IHostApplicationLifetime lifetime,
    IConfiguration configuration, ILogger<PlaceNameReplicaPreload> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetValue("Registry:PlaceNames:LoadIndexOnStart", true))
        {
            lifetime.ApplicationStarted.Register(() => _ = LoadAsync());
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync()
    {
        try
        {
            await replica.StartLoading();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Loading the place-name index at start failed; the next search loads it");
        }
    }
}
