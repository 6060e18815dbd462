namespace Registry.Abstractions.Divisions;

/// <summary>
/// Whom a registrar may act for: every registrar works for one office, named by a division code (DOMAIN.md,
/// Jurisdiction), and acts for that office and the divisions under it as of the day. <see cref="NationalOffice"/>
/// (<c>100000</c>, the code Unified Social Credit Codes carry for organizations registered by the Ministry of Civil
/// Affairs) stands above every province. Pure: the caller supplies the target's lineage as of the day.
/// </summary>
public static class Jurisdiction
{
    /// <summary>The token claim naming the registrar's office.</summary>
    public const string OfficeClaim = "office";

    /// <summary>The Ministry of Civil Affairs: above every province, so it covers every division.</summary>
    public const string NationalOffice = "100000";

    /// <summary>Rule: the registrar's token names no office, or one that is no division code.</summary>
    public const string ClaimMissingRule = "office-claim-missing";

    /// <summary>Rule: the record lies outside the registrar's office.</summary>
    public const string OutsideRule = "office-jurisdiction";

    /// <summary>True for a value an <see cref="OfficeClaim"/> may carry.</summary>
    public static bool IsOffice(string? code) => code == NationalOffice || DivisionCode.IsWellFormed(code);

    /// <summary>True when the answer needs no lineage: the national office, or the target is the office itself.</summary>
    public static bool CoversWithoutLineage(string office, string target) =>
        office == NationalOffice || office == target;

    /// <summary>
    /// True when <paramref name="office"/> may act for the division whose <paramref name="lineage"/> (the division
    /// itself, then its ancestors, as of the day) is given.
    /// </summary>
    public static bool Covers(string office, IEnumerable<string> lineage) =>
        office == NationalOffice || lineage.Contains(office, StringComparer.Ordinal);

    /// <summary>True when a registry key is a reference area (<c>scheme:id</c>), outside every office but the
    /// national one.</summary>
    public static bool IsReferenceArea(string key) => key.Contains(':', StringComparison.Ordinal);
}
