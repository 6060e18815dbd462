namespace Registry.Abstractions.Organizations;

/// <summary>Correct the report for <see cref="Year"/> before its inspection: stored as a new version.</summary>
[GenerateSerializer, Alias("Registry.Organizations.CorrectAnnualReport")]
public sealed record CorrectAnnualReport(
    [property: Id(0)] int Year,
    [property: Id(1)] AnnualReportContent Content,
    [property: Id(2)] ReportFiler FiledAs,
    [property: Id(3)] string Reason);
