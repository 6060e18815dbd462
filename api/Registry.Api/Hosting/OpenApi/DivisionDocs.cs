using Registry.Api.Contracts.Divisions;
using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>The administrative-division registry (<c>/api/divisions</c>).</summary>
internal static class DivisionDocs
{
    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["GetDivision"] = Op(
                "A division as recorded on a date (default: today in the bureau's time zone): code, name, level, " +
                "parent chain up to the province, dates in force. Public.",
                "division-code-format", "date-format", "division-not-found"),
            ["GetChildren"] = Op(
                "The divisions directly under a division on a date (default today), e.g. the townships of a county.",
                "division-code-format", "date-format", "division-not-found"),
            ["GetHistory"] = Op(
                "Every recorded change of a division, oldest first: recorded, renamed, merged, abolished, each with " +
                "its effective date, who recorded it, when, and the reason (the legal instrument).",
                "division-code-format", "division-not-found"),
            ["Rename"] = Op(
                "Renames a division from an effective date on; answers 201 with the history entry recorded. Changes " +
                "of a division are recorded in date order: an effective date before its last change is refused.",
                "division-code-format", "date-format", "division-name-required", "division-name-invalid",
                "division-name-unchanged", "reason-required", "division-not-found", "division-not-in-force",
                "division-change-order"),
            ["Merge"] = Op(
                "Merges a division into another of the same level from an effective date on: it ends on that date " +
                "and its subdivisions move to the successor. 201 with the history entry.",
                "division-code-format", "date-format", "reason-required", "division-not-found",
                "division-not-in-force", "merge-target-self", "merge-target-unknown", "merge-target-not-in-force",
                "merge-level-mismatch", "division-change-order"),
            ["Abolish"] = Op(
                "Abolishes a division from an effective date on; refused while subdivisions remain in force on " +
                "that date (merge or abolish them first). 201 with the history entry.",
                "division-code-format", "date-format", "reason-required", "division-not-found",
                "division-not-in-force", "division-has-children", "division-change-order"),
        },
        Parameters = new Dictionary<string, string>
        {
            ["code"] = "A division code of GB/T 2260 and the statistical division codes: 6 digits for provinces, " +
                "prefectures and counties (e.g. 110101), 9 for townships, 12 for villages.",
            ["asOf"] = "The date (YYYY-MM-DD) the answer is as of; default today in the bureau's time zone.",
        },
        Requests = new Dictionary<Type, RequestDoc>
        {
            [typeof(RenameDivisionRequest)] = Body(
                x => new RenameDivisionRequest("新" + x.CountyName, DateOnly.Parse(ExampleValues.Date(30)),
                    "国务院关于同意调整" + x.CountyName + "行政区划的批复"),
                "name", "effectiveDate", "reason"),
            [typeof(MergeDivisionRequest)] = Body(
                x => new MergeDivisionRequest(x.NeighbourCounty, DateOnly.Parse(ExampleValues.Date(30)),
                    "国务院关于同意撤销" + x.CountyName + "的批复"),
                "into", "effectiveDate", "reason"),
            [typeof(AbolishDivisionRequest)] = Body(
                x => new AbolishDivisionRequest(DateOnly.Parse(ExampleValues.Date(30)),
                    "国务院关于同意撤销" + x.CountyName + "的批复"),
                "effectiveDate", "reason"),
        },
    };
}
