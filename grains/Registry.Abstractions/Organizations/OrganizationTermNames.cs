namespace Registry.Abstractions.Organizations;

/// <summary>
/// The words a registrar may use for an organization's kind and status: the API's kebab-case value or the Chinese
/// legal name, as registers and the registration regulations write them (社会服务机构 is the 2016 Charity Law's name
/// for a 民办非企业单位). The one table read by the register import and by search, so both accept the same words.
/// </summary>
public static class OrganizationTermNames
{
    private static readonly Dictionary<string, OrganizationKind> Kinds = new(StringComparer.Ordinal)
    {
        ["social-association"] = OrganizationKind.SocialAssociation,
        ["社会团体"] = OrganizationKind.SocialAssociation,
        ["private-non-enterprise"] = OrganizationKind.PrivateNonEnterprise,
        ["民办非企业单位"] = OrganizationKind.PrivateNonEnterprise,
        ["社会服务机构"] = OrganizationKind.PrivateNonEnterprise,
        ["foundation"] = OrganizationKind.Foundation,
        ["基金会"] = OrganizationKind.Foundation,
    };

    private static readonly Dictionary<string, OrganizationStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["active"] = OrganizationStatus.Active,
        ["正常"] = OrganizationStatus.Active,
        ["deregistered"] = OrganizationStatus.Deregistered,
        ["注销"] = OrganizationStatus.Deregistered,
        ["已注销"] = OrganizationStatus.Deregistered,
        ["revoked"] = OrganizationStatus.Revoked,
        ["撤销"] = OrganizationStatus.Revoked,
        ["已撤销"] = OrganizationStatus.Revoked,
        ["撤销登记"] = OrganizationStatus.Revoked,
    };

    /// <summary>What a refused kind is told.</summary>
    public const string KindRule =
        "'kind' is social-association (社会团体), private-non-enterprise (民办非企业单位, 社会服务机构) or foundation (基金会).";

    /// <summary>What a refused status is told.</summary>
    public const string StatusRule = "'status' is active (正常), deregistered (已注销) or revoked (已撤销).";

    /// <summary>The kind <paramref name="text"/> names (surrounding spaces ignored), if it names one.</summary>
    public static bool TryKind(string text, out OrganizationKind kind) => Kinds.TryGetValue(text.Trim(), out kind);

    /// <summary>The status <paramref name="text"/> names (surrounding spaces ignored), if it names one.</summary>
    public static bool TryStatus(string text, out OrganizationStatus status) =>
        Statuses.TryGetValue(text.Trim(), out status);
}
