using System.Text;
using Registry.Abstractions.Organizations;

namespace Registry.Api.Organizations;

/// <summary>
/// An import's rejection report as a CSV file that Excel opens as it is: UTF-8 with a byte-order mark, CRLF, every
/// field quoted; columns 行号 (line in the file, the header being 1), 统一社会信用代码, 规则 (the rule, kebab-case),
/// 字段 (the column to blame, if one is), 说明. A text starting with a formula character gets an apostrophe so a
/// spreadsheet never runs it. Pure.
/// </summary>
public static class RejectionReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<OrganizationImportRejection> rejections)
    {
        var text = new StringBuilder();
        Line(text, ["行号", "统一社会信用代码", "规则", "字段", "说明"]);
        foreach (var r in rejections)
        {
            Line(text, [r.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Uscc ?? "", r.Rule,
                r.Field ?? "", r.Message]);
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
