using System.Globalization;
using System.Text;
using Registry.Abstractions.Divisions;

namespace Registry.Api.Statistics;

/// <summary>
/// A report as CSV that Excel opens as it is (RFC 4180): UTF-8 with a byte-order mark (without it Excel reads the
/// Chinese headers in the system's ANSI code page), CRLF line ends, every field quoted. One row for the total, one per
/// division, one per office; a figure the registry does not record reads 未记录, never 0; a rate with nothing to
/// divide by (no report due) is empty. A text cell starting with a
/// formula character is prefixed with an apostrophe so a spreadsheet never runs it. Pure.
/// </summary>
public static class StatisticsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public const string NotRecorded = "未记录";

    public static byte[] Write(StatisticsReport report)
    {
        var text = new StringBuilder();
        Line(text, ["统计起日", "统计止日", "类别", "代码", "名称", "层级", .. report.Figures.Select(f => f.Label)]);
        var period = new[] { Day(report.From), Day(report.To) };
        Line(text, [.. period, "合计", report.Scope?.Code ?? Jurisdiction.NationalOffice, report.Scope?.Name ?? "全国",
            LevelName(report.Scope?.Level), .. Values(report, report.Total)]);
        foreach (var row in report.Divisions)
        {
            Line(text, [.. period, "区划", row.Code, row.Name ?? "", LevelName(row.Level), .. Values(report, row.Figures)]);
        }

        foreach (var row in report.Offices)
        {
            Line(text, [.. period, "登记机关", row.Code, row.Name ?? "", LevelName(row.Level),
                .. Values(report, row.Figures)]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static IEnumerable<string> Values(StatisticsReport report, IReadOnlyDictionary<string, decimal?> figures) =>
        report.Figures.Select(f => figures.GetValueOrDefault(f.Key) is { } value
            ? value.ToString(CultureInfo.InvariantCulture)
            : f.Recorded ? "" : NotRecorded);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string LevelName(DivisionLevel? level) => level switch
    {
        DivisionLevel.Province => "省级",
        DivisionLevel.Prefecture => "地级",
        DivisionLevel.County => "县级",
        DivisionLevel.Township => "乡级",
        _ => "",
    };

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            var safe = field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
            text.Append('"').Append(safe.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        text.Append("\r\n");
    }
}
