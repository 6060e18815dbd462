namespace Registry.Hosting.Places;

/// <summary>What an import did: rows read, rows accepted, records newly stored (0 on a re-run), rows rejected.</summary>
public sealed record GazetteerImportResult(int Rows, int Accepted, int Inserted,
    IReadOnlyList<GazetteerRejection> Rejections)
{
    /// <summary>The rejection report as CSV: row number, name, reason, detail.</summary>
    public string RejectionReportCsv() =>
        "row,name,reason,detail\n" + string.Concat(Rejections.Select(r =>
            $"{r.Row},{Quote(r.Name)},{r.Reason},{Quote(r.Detail)}\n"));

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
