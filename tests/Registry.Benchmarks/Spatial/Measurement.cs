namespace Registry.Benchmarks.Spatial;

/// <summary>One timed run: requests (or queries) per second and the 99th-percentile latency in milliseconds; where the
/// driver reports them, the median latency and the number of requests completed.</summary>
internal sealed record Measurement(double PerSecond, double P99Milliseconds, double? P50Milliseconds = null,
    long? Requests = null);
