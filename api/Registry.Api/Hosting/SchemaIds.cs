namespace Registry.Api.Hosting;

/// <summary>
/// OpenAPI schema ids for the HTTP contracts. Each feature keeps its contracts in its own namespace
/// (<c>Registry.Api.Contracts.{Feature}</c>), so two features may both have, say, an <c>InspectionResponse</c>; such
/// names get their feature as a prefix (<c>OrganizationsInspectionResponse</c>), every other type keeps its own name,
/// and generic types read like Swashbuckle's own ids (<c>PageOfMarkerResponse</c>).
/// </summary>
internal static class SchemaIds
{
    private const string ContractsNamespace = "Registry.Api.Contracts.";

    private static readonly HashSet<string> SharedNames = typeof(SchemaIds).Assembly.GetTypes()
        .Where(type => type.Namespace?.StartsWith(ContractsNamespace, StringComparison.Ordinal) == true)
        .GroupBy(type => type.Name, StringComparer.Ordinal)
        .Where(group => group.Count() > 1)
        .Select(group => group.Key)
        .ToHashSet(StringComparer.Ordinal);

    public static string For(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
        if (SharedNames.Contains(type.Name) && type.Namespace is { } ns &&
            ns.StartsWith(ContractsNamespace, StringComparison.Ordinal))
        {
            name = ns[ContractsNamespace.Length..].Replace(".", string.Empty, StringComparison.Ordinal) + name;
        }

        return type.IsGenericType
            ? name + "Of" + string.Join("And", type.GetGenericArguments().Select(For))
            : name;
    }
}
