using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Registry.Api.Contracts.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// A report as the JSON of its <see cref="StatisticsResponse"/>, byte for byte what <see cref="JsonSerializer"/> writes
/// with the same options, held as segments: each row's JSON is kept with the row and is a segment of its own, the rest
/// (the total, the scope, the figures, the punctuation between) a few small segments. A
/// <see cref="StatisticsTally"/> gives the rows a change did not touch as the same objects again, so after one office's
/// change a national answer with every office (some 6,000 rows, 13.7 MB) serializes the few rows that changed and
/// neither copies nor allocates the others' bytes again (one 13.7 MB array per answer made the collector sweep the whole
/// heap). The response's properties are written in the order, under the names and with the ignore conditions of the
/// options' contract for <see cref="StatisticsResponse"/>; rows are kept per options (weakly: a row no report holds any
/// more is let go). Thread-safe.
/// </summary>
public static class StatisticsJson
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, ConditionalWeakTable<StatisticsRow, byte[]>>
        Rows = new();

    private static readonly byte[] Comma = ","u8.ToArray();

    public static Body Write(StatisticsReport report, JsonSerializerOptions options)
    {
        var response = StatisticsResponse.Of(report);
        if (options.WriteIndented)
        {
            // Rows are not written alone when indented (their indentation depends on where they stand).
            return new Body([JsonSerializer.SerializeToUtf8Bytes(response, options)]);
        }

        var contract = options.GetTypeInfo(typeof(StatisticsResponse));
        var kept = Rows.GetValue(options, _ => new ConditionalWeakTable<StatisticsRow, byte[]>());
        var segments = new List<ReadOnlyMemory<byte>>();
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = options.Encoder,
            MaxDepth = options.MaxDepth,
        });

        void Cut()
        {
            json.Flush();
            if (buffer.WrittenCount > 0)
            {
                segments.Add(buffer.WrittenSpan.ToArray());
                buffer.ResetWrittenCount();
            }
        }

        json.WriteStartObject();
        foreach (var property in contract.Properties)
        {
            if (property.Get is not { } get)
            {
                continue;
            }

            var value = get(response);
            if (property.ShouldSerialize is { } should && !should(response, value))
            {
                continue;
            }

            json.WritePropertyName(property.Name);
            var rows = property.Name == Name(options, nameof(StatisticsResponse.Divisions)) ? report.Divisions
                : property.Name == Name(options, nameof(StatisticsResponse.Offices)) ? report.Offices
                : null;
            if (rows is null)
            {
                JsonSerializer.Serialize(json, value, property.PropertyType, options);
                continue;
            }

            // The array's brackets by the writer (which then puts the comma before the next property), its
            // elements as the rows' kept bytes with a comma between.
            json.WriteStartArray();
            Cut();
            for (var i = 0; i < rows.Count; i++)
            {
                if (i > 0)
                {
                    segments.Add(Comma);
                }

                segments.Add(kept.GetValue(rows[i], row => JsonSerializer.SerializeToUtf8Bytes(
                    StatisticsRowResponse.From(row), options)));
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        Cut();
        return new Body(segments);
    }

    private static string Name(JsonSerializerOptions options, string property) =>
        options.PropertyNamingPolicy?.ConvertName(property) ?? property;

    /// <summary>A JSON text as the segments it is written in, in order; immutable.</summary>
    public sealed class Body(IReadOnlyList<ReadOnlyMemory<byte>> segments)
    {
        public IReadOnlyList<ReadOnlyMemory<byte>> Segments => segments;

        public long Length { get; } = segments.Sum(segment => (long)segment.Length);

        /// <summary>The whole text in one array (for tests and small answers).</summary>
        public byte[] ToArray()
        {
            var whole = new byte[Length];
            var at = 0;
            foreach (var segment in segments)
            {
                segment.Span.CopyTo(whole.AsSpan(at));
                at += segment.Length;
            }

            return whole;
        }
    }
}
