using Orleans.Dashboard;
using Registry.Hosting;
using Registry.Hosting.Clustering;
using Registry.Hosting.Configuration;

namespace Registry.Api.Hosting;

/// <summary>Puts grains behind the API: a silo in this process, or a client of a separate cluster.</summary>
public static class OrleansHosting
{
    public static WebApplicationBuilder AddRegistryOrleans(this WebApplicationBuilder builder)
    {
        var options = RegistryOptions.From(builder.Configuration);
        builder.Services.AddRegistryClock(options);
        switch (options.Hosting)
        {
            case RegistryHostingMode.Embedded:
                builder.UseOrleans(silo =>
                {
                    silo.AddRegistrySilo(builder.Configuration).AddActivityPropagation();
                    if (TelemetryHosting.DashboardEnabled(builder.Configuration))
                    {
                        silo.AddDashboard();
                    }
                });
                break;
            case RegistryHostingMode.Client:
                builder.UseOrleansClient(client =>
                {
                    client.UseRegistryClustering(options).AddActivityPropagation();
                    if (TelemetryHosting.DashboardEnabled(builder.Configuration))
                    {
                        client.AddDashboard(); // the silos run it too (Registry:Dashboard:Enabled on each)
                    }
                });
                break;
        }

        return builder;
    }
}
