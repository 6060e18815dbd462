namespace Registry.Benchmarks.Spatial;

/// <summary>One timed run: requests (or queries) per second and the 99th-percentile latency in milliseconds.</summary>
internal sealed record Measurement(double PerSecond, double P99Milliseconds);
