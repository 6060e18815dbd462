namespace Registry.Abstractions.Organizations;

/// <summary>
/// Kind of social organization registered with civil affairs; the value is the type digit (position 2) of its
/// Unified Social Credit Code under GB 32100-2015.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.OrganizationKind")]
public enum OrganizationKind
{
    /// <summary>Social association (社会团体), type digit 1.</summary>
    SocialAssociation = 1,

    /// <summary>Private non-enterprise unit / social service agency (民办非企业单位), type digit 2.</summary>
    PrivateNonEnterprise = 2,

    /// <summary>Foundation (基金会), type digit 3.</summary>
    Foundation = 3,
}
