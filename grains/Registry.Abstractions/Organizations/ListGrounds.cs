namespace Registry.Abstractions.Organizations;

/// <summary>Stable names of the grounds for listing and of the system's own removal ground.</summary>
public static class ListGrounds
{
    /// <summary>The annual report for the year was not filed by the close of its window.</summary>
    public const string AnnualReportNotFiled = "annual-report-not-filed";

    /// <summary>The annual inspection for the year ended in a fail.</summary>
    public const string AnnualInspectionFailed = "annual-inspection-failed";

    /// <summary>The registrar could not reach the organization at its registered address (a registrar's finding, the
    /// one ground not applied by the system itself).</summary>
    public const string UnreachableAtRegisteredAddress = "unreachable-at-registered-address";

    /// <summary>Two years on the abnormal-activity list.</summary>
    public const string AbnormalListTwoYears = "abnormal-list-two-years";

    /// <summary>Removal ground of abnormal entries closed when the organization moves to the serious list.</summary>
    public const string MovedToSeriousList = "moved-to-serious-dishonesty-list";

    /// <summary>Two consecutive years not filed or failed: grounds to revoke the registration.</summary>
    public const string TwoConsecutiveYearsNotFiledOrFailed = "two-consecutive-years-not-filed-or-failed";
}
