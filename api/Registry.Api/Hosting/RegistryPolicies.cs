namespace Registry.Api.Hosting;

/// <summary>Authorization policies, one per role of the bureau; a policy is satisfied by its role only.</summary>
public static class RegistryPolicies
{
    public const string Admin = "admin";
    public const string MarriageRegistrar = "registrar.marriage";
    public const string OrganizationRegistrar = "registrar.organizations";
    public const string PlaceRegistrar = "registrar.places";
    public const string BoundaryRegistrar = "registrar.boundaries";
    public const string Gis = "gis";

    /// <summary>A social organization acting for itself; its token carries the <c>uscc</c> claim.</summary>
    public const string Organization = "organization";

    public static IReadOnlyList<string> All { get; } =
        [Admin, MarriageRegistrar, OrganizationRegistrar, PlaceRegistrar, BoundaryRegistrar, Gis, Organization];
}
