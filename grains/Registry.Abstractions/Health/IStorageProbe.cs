namespace Registry.Abstractions.Health;

/// <summary>A silo service that proves the storage backend answers; implemented by the silo host.</summary>
public interface IStorageProbe
{
    /// <summary>The backend's short name, e.g. <c>sqlite</c>.</summary>
    string BackendName { get; }

    Task PingAsync(CancellationToken cancellationToken = default);
}
