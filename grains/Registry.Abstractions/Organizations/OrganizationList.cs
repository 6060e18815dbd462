namespace Registry.Abstractions.Organizations;

/// <summary>The public credit lists of the Credit Information Measures (2018).</summary>
[GenerateSerializer, Alias("Registry.Organizations.OrganizationList")]
public enum OrganizationList
{
    /// <summary>Abnormal-activity list (活动异常名录).</summary>
    Abnormal = 0,

    /// <summary>Serious-dishonesty list (严重违法失信名单).</summary>
    SeriousDishonesty = 1,
}
