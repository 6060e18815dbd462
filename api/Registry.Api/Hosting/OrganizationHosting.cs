using Microsoft.Extensions.DependencyInjection.Extensions;
using Registry.Api.Organizations;

namespace Registry.Api.Hosting;

/// <summary>Services of the organization endpoints: the register's import jobs, stopped with the host.</summary>
public static class OrganizationHosting
{
    public static WebApplicationBuilder AddRegistryOrganizations(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrganizationImportJobs>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OrganizationImportJobs>());
        return builder;
    }
}
