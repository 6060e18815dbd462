namespace Registry.Abstractions.Organizations;

/// <summary>
/// A report year without financial detail: when it was first filed, whether after the window closed, how many
/// versions it has and its inspection, if recorded. Public.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.AnnualReportSummary")]
public sealed record AnnualReportSummary(
    [property: Id(0)] int Year,
    [property: Id(1)] DateOnly FiledOn,
    [property: Id(2)] bool FiledLate,
    [property: Id(3)] int Versions,
    [property: Id(4)] InspectionResult? Inspection);
