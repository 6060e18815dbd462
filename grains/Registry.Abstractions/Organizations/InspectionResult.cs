namespace Registry.Abstractions.Organizations;

/// <summary>The recorded inspection of one report year: outcome, reasons, date and who decided.</summary>
[GenerateSerializer, Alias("Registry.Organizations.InspectionResult")]
public sealed record InspectionResult(
    [property: Id(0)] int Year,
    [property: Id(1)] InspectionOutcome Outcome,
    [property: Id(2)] string? Reasons,
    [property: Id(3)] DateOnly DecidedOn,
    [property: Id(4)] string DecidedBy)
{
    /// <summary>Basic pass and fail require a rectification report with the next year's report.</summary>
    public bool RequiresRectification => Outcome is InspectionOutcome.BasicPass or InspectionOutcome.Fail;
}
