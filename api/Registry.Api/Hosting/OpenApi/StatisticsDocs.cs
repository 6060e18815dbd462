using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>Annual statistics (<c>/api/statistics</c>).</summary>
internal static class StatisticsDocs
{
    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["GetStatistics"] = Op(
                "The figures of a bureau's work in a period, rolled up by division as of the period's end (division " +
                "history) and per office on request, from the statistics read model: marriages, social " +
                "organizations, place names and boundaries. A national or province answer lists the total and the " +
                "divisions above the county level (provinces, prefectures); for a prefecture or a county it also " +
                "lists each county and each office (`offices` overrides; the CSV lists every office unless " +
                "`offices=false`). Unknown query parameters are a 400 naming them. Events count by their own " +
                "effective date; as-of figures are levels at the end of the last day. First marriages, remarriages and 复婚 count persons by their status before " +
                "the marriage (`priorStatusUnknown`: records stored before it was recorded). Reports due count on " +
                "the last day of their year's filing window, with those of them inspected; the inspection rate " +
                "(per cent, one decimal) divides the two, null when no report was due. " +
                "A figure the registry does not record is null and listed in `notRecorded` " +
                "with the reason, never 0. `admin` reads every domain nationally; a registrar their own domain for " +
                "the offices within their office claim (default scope: their office). CSV (`format=csv` or " +
                "`Accept: text/csv`): UTF-8 with BOM, CRLF, quoted fields, Chinese headers.",
                "unknown-query-parameter", "field-required", "date-format", "statistics-period", "division-code-format",
                "statistics-offices", "statistics-format",
                "division-not-found", "office-claim-missing", "office-jurisdiction"),
        },
        Parameters = new Dictionary<string, string>
        {
            ["GetStatistics:from"] = "The first day of the period (YYYY-MM-DD), e.g. 2026-01-01.",
            ["GetStatistics:to"] = "The last day of the period (YYYY-MM-DD), e.g. 2026-12-31; at most 10 years on.",
            ["GetStatistics:division"] = "Only the offices within this division as of the period's end (a division " +
                "code, or 100000 for all); a registrar's default is their office.",
            ["GetStatistics:offices"] = "`true`: a row per office and per county-level division too; `false`: " +
                "the roll-up rows above the county level only. Default: `false` for the national office and a " +
                "province, `true` for a prefecture or a county and for CSV.",
            ["GetStatistics:format"] = "`json` (default) or `csv`; without it, `Accept: text/csv` asks for CSV.",
        },
    };
}
