using System.Text;

namespace Registry.Hosting.Places;

/// <summary>What a stock import did: rows read, names recorded (or found recorded), of them flagged as duplicating or
/// sounding like another name, and the rows refused.</summary>
public sealed record PlaceNameStockReport(long Rows, long Recorded, long Flagged, IReadOnlyList<PlaceNameStockRejection> Rejections)
{
    /// <summary>The refused rows as CSV (line, code, rule, message), UTF-8 with a byte-order mark.</summary>
    public string RejectionReportCsv()
    {
        var text = new StringBuilder("\uFEFFline,code,rule,message\r\n");
        foreach (var r in Rejections)
        {
            text.Append(r.Line).Append(',').Append(r.Code).Append(',').Append(r.Rule).Append(",\"")
                .Append(r.Message.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\r\n");
        }

        return text.ToString();
    }
}
