using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using Registry.Hosting.Telemetry;

namespace Registry.Api.Hosting;

/// <summary>
/// What an operator sees: OpenTelemetry metrics and traces (<see cref="RegistryTelemetry"/> plus ASP.NET Core's),
/// scraped by Prometheus at <see cref="MetricsPath"/> and pushed over OTLP when configured; logs whose scope carries
/// the request's trace and span ids (JSON on the console in production); and the Orleans Dashboard at
/// <see cref="DashboardPath"/> for <c>admin</c> tokens only, when <see cref="DashboardKey"/> is true (its grain-call
/// profiler costs a little on every call).
/// </summary>
public static class TelemetryHosting
{
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";
    public const string DashboardKey = "Registry:Dashboard:Enabled";

    public static WebApplicationBuilder AddRegistryTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddRegistryTelemetry(builder.Configuration, "registry-api")
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddPrometheusExporter());
        if (RegistryTelemetry.TracesExported(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation());
        }

        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        if (builder.Environment.IsProduction())
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
            });
        }

        return builder;
    }

    public static bool DashboardEnabled(IConfiguration configuration) => configuration.GetValue<bool>(DashboardKey);

    public static WebApplication MapRegistryTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        if (DashboardEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(DashboardPath).RequireAuthorization(RegistryPolicies.Admin);
        }

        return app;
    }
}
