using Registry.Abstractions.Divisions;
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
            ["SearchDivisions"] = Op(
                "Finds divisions by current or former name, exact matches first, then fragments; with asOf, the " +
                "names in force that day. Public.",
                "field-required", "division-name-query-length", "date-format", "value-out-of-range"),
            ["GetProvinces"] = Op("The provinces in force on a date (default today). Public.", "date-format"),
            ["GetChanges"] = Op(
                "The changes of the period from..to (inclusive), optionally only those under a division: what " +
                "statisticians and GIS staff use to update their own data. A change known only from two official " +
                "editions has exactDate false and changedAfter set. Public.",
                "field-required", "date-format", "division-code-format", "period-order"),
            ["Establish"] = Op(
                "Establishes a division under a parent from an effective date, on a legal basis (admin). 201 with the " +
                "change recorded.",
                "field-required", "division-code-format", "date-format", "reason-required", "division-name-invalid",
                "division-not-found", "division-not-in-force", "division-change-conflict",
                "division-change-contradicts-edition"),
            ["Recode"] = Op(
                "Changes a division's code (e.g. a county becoming a district): the old code ends and names its " +
                "successor, and its subdivisions move to the new code. 201 with the change recorded.",
                "field-required", "division-code-format", "date-format", "reason-required", "division-not-found",
                "division-not-in-force", "division-change-conflict", "division-change-contradicts-edition"),
            ["MergeSeveral"] = Op(
                "Merges several divisions into a new or an existing code from an effective date: the sources end " +
                "and their subdivisions move to the successor. 201 with the change recorded.",
                "field-required", "division-code-format", "date-format", "reason-required", "merge-sources-repeated",
                "merge-target-self", "division-not-found", "division-not-in-force", "division-change-conflict",
                "division-change-contradicts-edition"),
            ["Split"] = Op(
                "Splits a division into several new ones from an effective date, each township transferred to its " +
                "new parent. 201 with the change recorded.",
                "field-required", "division-code-format", "date-format", "reason-required", "split-transfer-repeated",
                "division-not-found", "division-not-in-force", "division-change-conflict",
                "division-change-contradicts-edition"),
            ["Transfer"] = Op(
                "Transfers a township (or other division) to another parent from an effective date. 201 with the " +
                "change recorded.",
                "field-required", "division-code-format", "date-format", "reason-required", "division-not-found",
                "division-not-in-force", "division-change-conflict", "division-change-contradicts-edition"),
        },
        Parameters = new Dictionary<string, string>
        {
            ["code"] = "A division code of GB/T 2260 and the statistical division codes: 6 digits for provinces, " +
                "prefectures and counties (e.g. 110101), 9 for townships, 12 for villages.",
            ["asOf"] = "The date (YYYY-MM-DD) the answer is as of; default today in the bureau's time zone.",
            ["name"] = "A division name or a fragment of it, current or former (e.g. 东城区).",
            ["limit"] = "How many results at most.",
            ["from"] = "The first day of the period (YYYY-MM-DD).",
            ["to"] = "The last day of the period (YYYY-MM-DD).",
            ["under"] = "Only changes of this division and the divisions under it (a division code).",
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
            // The real changes of the official editions: 莱芜区 370116 established under 济南市 370100, 凤翔县 610322
            // becoming 凤翔区 610305, 梅列区 350402 and 三元区 350403 merged into 三元区 350404, 江干区 330104 split
            // into 上城区 330102 and 钱塘区 330114.
            [typeof(EstablishDivisionRequest)] = Body(
                _ => new EstablishDivisionRequest("370116", "莱芜区", DivisionLevel.County, "370100",
                    DateOnly.Parse(ExampleValues.Date(30)), "国务院关于同意山东省调整济南市莱芜市行政区划的批复"),
                "code", "name", "level", "effectiveDate", "reason"),
            [typeof(RecodeDivisionRequest)] = Body(
                _ => new RecodeDivisionRequest("610305", "凤翔区", "610300", DateOnly.Parse(ExampleValues.Date(30)),
                    "国务院关于同意陕西省调整宝鸡市部分行政区划的批复"),
                "newCode", "effectiveDate", "reason"),
            [typeof(MergeDivisionsRequest)] = Body(
                _ => new MergeDivisionsRequest(["350402", "350403"], "350404", "三元区", "350400",
                    DateOnly.Parse(ExampleValues.Date(30)), "国务院关于同意福建省调整三明市部分行政区划的批复"),
                "sources", "into", "effectiveDate", "reason"),
            [typeof(SplitDivisionRequest)] = Body(
                _ => new SplitDivisionRequest([new SplitPartRequest("330102", "上城区"), new SplitPartRequest("330114", "钱塘区")],
                    null, "330100", DateOnly.Parse(ExampleValues.Date(30)), "国务院关于同意浙江省调整杭州市部分行政区划的批复"),
                "parts", "effectiveDate", "reason"),
            [typeof(TransferDivisionRequest)] = Body(
                x => new TransferDivisionRequest(x.NeighbourCounty, DateOnly.Parse(ExampleValues.Date(30)),
                    "省人民政府关于调整" + x.TownshipName + "隶属关系的批复"),
                "to", "effectiveDate", "reason"),
        },
    };
}
