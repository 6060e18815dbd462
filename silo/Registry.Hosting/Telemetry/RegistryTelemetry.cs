using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Registry.Storage;

namespace Registry.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for every Registry process (the API, a silo): metrics of Orleans (its meter
/// <see cref="OrleansMeter"/>: grain calls, activations, messaging), the .NET runtime, outgoing HTTP and the storage
/// calls (<see cref="StorageTelemetry"/>); traces of grain calls (Orleans' activity sources), outgoing HTTP and the
/// storage calls. Exported over OTLP when <see cref="OtlpEndpointKey"/> is set (the standard OpenTelemetry variable);
/// the API adds its own instrumentation and the Prometheus endpoint.
/// </summary>
public static class RegistryTelemetry
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>Orleans' sources for grain-call spans (with activity propagation on).</summary>
    public static IReadOnlyList<string> OrleansSources { get; } =
        ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>True when an OTLP endpoint is configured: traces and logs are then exported with the metrics.</summary>
    public static bool TracesExported(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static OpenTelemetryBuilder AddRegistryTelemetry(this IServiceCollection services,
        IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter(OrleansMeter, StorageTelemetry.Name)
                .AddRuntimeInstrumentation()
                .AddHttpClientInstrumentation());
        if (TracesExported(configuration))
        {
            // Spans only when they go somewhere: a listening tracer makes every grain and storage call allocate one.
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource([.. OrleansSources, StorageTelemetry.Name])
                    .AddHttpClientInstrumentation())
                .WithLogging()
                .UseOtlpExporter();
        }

        return telemetry;
    }
}
