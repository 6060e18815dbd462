using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>Health endpoints, where the OpenAPI document lists them.</summary>
internal static class HealthDocs
{
    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>(),
    };
}
