namespace Registry.Abstractions.Organizations;

/// <summary>Party organization status reported in the annual report (党组织建立情况).</summary>
[GenerateSerializer, Alias("Registry.Organizations.PartyOrganizationStatus")]
public enum PartyOrganizationStatus
{
    /// <summary>The organization has its own party organization.</summary>
    Established = 0,

    /// <summary>Its members belong to a joint party organization with other units.</summary>
    Joint = 1,

    NotEstablished = 2,
}
