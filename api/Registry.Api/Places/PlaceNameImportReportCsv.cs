using System.Text;
using Registry.Abstractions.Places;

namespace Registry.Api.Places;

/// <summary>
/// An import's report as a CSV file that Excel opens as it is: UTF-8 with a byte-order mark, CRLF, every field
/// quoted; columns 行号 (line or feature number), 地名, 结果 (<c>rejected</c>: not recorded; <c>flagged</c>: recorded
/// with a flag: a duplicate or homophone, or characters outside the standard), 规则 (kebab-case), 字段, 说明; rows in line order. A text starting with a
/// formula character gets an apostrophe so a spreadsheet never runs it. Pure.
/// </summary>
public static class PlaceNameImportReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(PlaceNameImportJobDetails job)
    {
        var text = new StringBuilder();
        Line(text, ["行号", "地名", "结果", "规则", "字段", "说明"]);
        foreach (var (row, outcome) in job.Rejections.Select(r => (r, "rejected")).Concat(job.Flags.Select(f => (f, "flagged")))
                     .OrderBy(r => r.Item1.Line))
        {
            Line(text, [row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Name ?? "", outcome,
                row.Rule, row.Field ?? "", row.Message]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(',', fields.Select(f =>
            "\"" + (f.Length > 0 && f[0] is '=' or '+' or '-' or '@' ? "'" + f : f).Replace("\"", "\"\"",
                StringComparison.Ordinal) + "\""));
        text.Append("\r\n");
    }
}
