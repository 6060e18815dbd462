using System.Text;
using Registry.Grains.Places;

namespace Registry.Hosting.Places;

/// <summary>What a stock import did: rows read, names recorded (or found recorded), of them flagged as duplicating or
/// sounding like another name, the names recorded as written with characters outside the standard
/// (<see cref="CharacterFlags"/>, counted apart from the rows refused), and the rows refused.</summary>
public sealed record PlaceNameStockReport(long Rows, long Recorded, long Flagged, IReadOnlyList<PlaceNameStockRejection> Rejections)
{
    /// <summary>The names recorded with the flag <c>characters-outside-standard</c>.</summary>
    public IReadOnlyList<PlaceNameStockFlag> CharacterFlags { get; init; } = [];

    /// <summary>The refused rows and the rows recorded with characters outside the standard, as CSV (line, code,
    /// outcome <c>rejected</c> or <c>flagged</c>, rule, message), in line order, UTF-8 with a byte-order mark.</summary>
    public string ReportCsv()
    {
        var text = new StringBuilder("\uFEFFline,code,outcome,rule,message\r\n");
        var rows = Rejections.Select(r => (r.Line, r.Code, Outcome: "rejected", r.Rule, r.Message))
            .Concat(CharacterFlags.Select(f => (f.Line, f.Code, Outcome: "flagged", Rule: NameCharacters.Flag,
                Message: $"{f.Name} recorded as written ({f.Romanization}): {f.Characters}")))
            .OrderBy(r => r.Line);
        foreach (var r in rows)
        {
            text.Append(r.Line).Append(',').Append(r.Code).Append(',').Append(r.Outcome).Append(',').Append(r.Rule)
                .Append(",\"").Append(r.Message.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\"\r\n");
        }

        return text.ToString();
    }
}
