namespace Registry.Abstractions.Organizations;

/// <summary>Outcome of the annual inspection (年检结论).</summary>
[GenerateSerializer, Alias("Registry.Organizations.InspectionOutcome")]
public enum InspectionOutcome
{
    /// <summary>合格.</summary>
    Pass = 0,

    /// <summary>基本合格: requires a rectification report with the next year's report.</summary>
    BasicPass = 1,

    /// <summary>不合格: lists the organization as abnormal and requires a rectification report next year.</summary>
    Fail = 2,
}
