namespace Registry.Abstractions.Organizations;

/// <summary>Registration status. A deregistered organization's record and history stay readable.</summary>
[GenerateSerializer, Alias("Registry.Organizations.OrganizationStatus")]
public enum OrganizationStatus
{
    Active = 0,
    Deregistered = 1,
}
