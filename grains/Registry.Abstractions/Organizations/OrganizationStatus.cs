namespace Registry.Abstractions.Organizations;

/// <summary>Registration status. A deregistered organization's record and history stay readable.</summary>
[GenerateSerializer, Alias("Registry.Organizations.OrganizationStatus")]
public enum OrganizationStatus
{
    Active = 0,
    Deregistered = 1,

    /// <summary>Registration revoked (撤销登记) by a penalty decision; ends the organization like deregistration.</summary>
    Revoked = 2,
}
