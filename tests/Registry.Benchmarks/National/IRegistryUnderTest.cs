namespace Registry.Benchmarks.National;

/// <summary>A running Registry a benchmark drives through HTTP: one API process with its embedded silo
/// (<see cref="Organizations.BenchmarkApiProcess"/>) or the local cluster (<see cref="LocalClusterUnderTest"/>).</summary>
public interface IRegistryUnderTest : IAsyncDisposable
{
    Uri Address { get; }

    /// <summary>Where its data lives (the SQLite directory, or the cluster's directory with its PostgreSQL data).</summary>
    string DataDirectory { get; }

    /// <summary>CPU time its processes have used so far (the API and the silos; not PostgreSQL's or Redis's).</summary>
    TimeSpan CpuTime { get; }

    /// <summary>Resident memory of its processes now and at their peaks, summed, in bytes.</summary>
    (long Now, long Peak) Memory { get; }

    /// <summary>A bearer token with the roles and claims, accepted by its API.</summary>
    string Token(string user, IEnumerable<string> roles, IReadOnlyDictionary<string, string>? claims = null);

    /// <summary>Runs a silo command (e.g. <c>import-places FILE</c>) against its storage, printing what it prints.</summary>
    Task RunSiloCommandAsync(IReadOnlyList<string> command, CancellationToken cancellationToken);

    /// <summary>Stops it, keeping its data.</summary>
    Task StopAsync();
}
