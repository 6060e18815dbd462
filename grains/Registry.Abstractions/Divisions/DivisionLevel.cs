namespace Registry.Abstractions.Divisions;

/// <summary>Level of an administrative division in the statistical division code hierarchy.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionLevel")]
public enum DivisionLevel
{
    /// <summary>Province, autonomous region, municipality (6-digit code ending 0000).</summary>
    Province = 1,

    /// <summary>Prefecture-level city, prefecture, league (6-digit code ending 00).</summary>
    Prefecture = 2,

    /// <summary>County, county-level city, district (6-digit code).</summary>
    County = 3,

    /// <summary>Township, town, street office (9-digit statistical code).</summary>
    Township = 4,
}
