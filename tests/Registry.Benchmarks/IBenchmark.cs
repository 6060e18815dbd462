namespace Registry.Benchmarks;

/// <summary>
/// One reproducible measurement, run by name: <c>dotnet run -c Release --project tests/Registry.Benchmarks -- NAME</c>.
/// Each prints its medians and ratios and the line to paste into BENCHMARKS.md.
/// </summary>
public interface IBenchmark
{
    /// <summary>The command-line name, kebab-case.</summary>
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
