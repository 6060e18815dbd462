using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;

namespace Registry.Grains.Organizations;

/// <summary>
/// Values as messages name them: the API's own kebab-case value (<see cref="ApiTerms"/>) with its Chinese legal name,
/// never a C# identifier.
/// </summary>
public static class Terms
{
    public static string Kind(OrganizationKind kind) => kind switch
    {
        OrganizationKind.SocialAssociation => "social-association (社会团体)",
        OrganizationKind.PrivateNonEnterprise => "private-non-enterprise (民办非企业单位)",
        OrganizationKind.Foundation => "foundation (基金会)",
        _ => ApiTerms.Value(kind),
    };

    public static string Outcome(InspectionOutcome outcome) => outcome switch
    {
        InspectionOutcome.Pass => "pass (合格)",
        InspectionOutcome.BasicPass => "basic-pass (基本合格)",
        InspectionOutcome.Fail => "fail (不合格)",
        _ => ApiTerms.Value(outcome),
    };

    public static string List(OrganizationList list) => list switch
    {
        OrganizationList.Abnormal => "abnormal-activity list (活动异常名录)",
        OrganizationList.SeriousDishonesty => "serious-dishonesty list (严重违法失信名单)",
        _ => ApiTerms.Value(list),
    };

    public static string Penalty(PenaltyKind kind) => kind switch
    {
        PenaltyKind.Warning => "warning (警告)",
        PenaltyKind.Fine => "fine (罚款)",
        PenaltyKind.Confiscation => "confiscation (没收)",
        PenaltyKind.Suspension => "suspension (限期停止活动)",
        PenaltyKind.Revocation => "revocation (撤销登记)",
        _ => ApiTerms.Value(kind),
    };

    public static string Status(OrganizationStatus status) => status switch
    {
        OrganizationStatus.Active => "active (正常)",
        OrganizationStatus.Deregistered => "deregistered (已注销)",
        OrganizationStatus.Revoked => "revoked (已撤销)",
        _ => ApiTerms.Value(status),
    };
}
