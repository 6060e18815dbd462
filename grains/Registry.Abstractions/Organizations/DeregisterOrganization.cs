namespace Registry.Abstractions.Organizations;

/// <summary>Deregister the organization today; <see cref="Reason"/> cites the decision.</summary>
[GenerateSerializer, Alias("Registry.Organizations.DeregisterOrganization")]
public sealed record DeregisterOrganization([property: Id(0)] string Reason);
