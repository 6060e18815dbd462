namespace Registry.Abstractions.Organizations;

/// <summary>
/// Save (or replace) the draft of the report for <see cref="Year"/>: <see cref="Form"/> is the report form as the
/// filer has it so far (the JSON of a filing body, any field may still be missing), kept unchecked until it is
/// submitted; at most <see cref="AnnualReportDraftDetails.MaxFormLength"/> characters.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.SaveAnnualReportDraft")]
public sealed record SaveAnnualReportDraft(
    [property: Id(0)] int Year,
    [property: Id(1)] string Form,
    [property: Id(2)] ReportFiler SavedAs);
