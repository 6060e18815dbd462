using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Registry.Api.Contracts.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// A report as the JSON of its <see cref="StatisticsResponse"/>, byte for byte what <see cref="JsonSerializer"/> writes
/// with the same options, but with each row's JSON kept with the row: a <see cref="StatisticsTally"/> gives the rows a
/// change did not touch as the same objects again, so after one office's change a national answer with every office
/// (some 6,000 rows, 13.7 MB) serializes the few rows that changed and copies the others' bytes. The response's
/// properties are written in the order, under the names and with the ignore conditions of the options' contract for
/// <see cref="StatisticsResponse"/>; rows are kept per options (weakly: a row no report holds any more is let go).
/// Thread-safe.
/// </summary>
public static class StatisticsJson
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, ConditionalWeakTable<StatisticsRow, byte[]>>
        Rows = new();

    public static byte[] Write(StatisticsReport report, JsonSerializerOptions options)
    {
        var response = StatisticsResponse.Of(report);
        var contract = options.GetTypeInfo(typeof(StatisticsResponse));
        var kept = Rows.GetValue(options, _ => new ConditionalWeakTable<StatisticsRow, byte[]>());
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Encoder = options.Encoder,
                   Indented = options.WriteIndented,
                   MaxDepth = options.MaxDepth,
                   SkipValidation = false,
               }))
        {
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
                if (rows is null || options.WriteIndented)
                {
                    JsonSerializer.Serialize(json, value, property.PropertyType, options);
                    continue;
                }

                json.WriteStartArray();
                foreach (var row in rows)
                {
                    json.WriteRawValue(kept.GetValue(row, r => JsonSerializer.SerializeToUtf8Bytes(
                        StatisticsRowResponse.From(r), options)), skipInputValidation: true);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Name(JsonSerializerOptions options, string property) =>
        options.PropertyNamingPolicy?.ConvertName(property) ?? property;
}
