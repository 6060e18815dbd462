using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Grains.Publishing;

namespace Registry.Grains.Persons;

/// <summary>
/// A stored partition of the person-name index as a search reads it: each entry's name and document, in stored order,
/// and whether the partition split (read through <see cref="PartitionSplits.EntriesOf{TPartition, TEntry}"/>). Read from the JSON of
/// <see cref="RecordEntriesState{TEntry}"/> of <see cref="Registry.Abstractions.Persons.PersonNameEntry"/>; never
/// written.
/// </summary>
/// <remarks>A common name is borne by a thousand people in a national register, and a search reads all its
/// partitions to order them: read into that state, each entry cost a dictionary key, a list, an entry and its record
/// id, none of which a search uses, and that reading was most of a search's work. Entries under one name mostly
/// repeat it, so a name equal to the one before is not made again.</remarks>
[JsonConverter(typeof(Converter))]
public sealed class PersonNameSearchPartition
{
    /// <summary>Each entry's name and document key, in the order stored.</summary>
    public List<(string Name, string DocumentKey)> Entries { get; } = [];

    /// <summary>Whether the partition handed its records to children (it then holds none).</summary>
    public bool Split { get; private set; }

    private sealed class Converter : JsonConverter<PersonNameSearchPartition>
    {
        public override PersonNameSearchPartition Read(ref Utf8JsonReader reader, Type typeToConvert,
            JsonSerializerOptions options)
        {
            Expect(ref reader, JsonTokenType.StartObject);
            var partition = new PersonNameSearchPartition();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("byRecord"u8))
                {
                    reader.Read();
                    ReadRecords(ref reader, partition.Entries);
                }
                else if (reader.ValueTextEquals("split"u8))
                {
                    reader.Read();
                    partition.Split = reader.GetBoolean();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return partition;
        }

        public override void Write(Utf8JsonWriter writer, PersonNameSearchPartition value,
            JsonSerializerOptions options) =>
            throw new NotSupportedException("A search's view of a name partition is never stored.");

        // {"<record key>": [{"name": ..., "documentKey": ..., ...}, ...], ...}
        private static void ReadRecords(ref Utf8JsonReader reader, List<(string, string)> entries)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return;
            }

            Expect(ref reader, JsonTokenType.StartObject);
            string? lastName = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                reader.Read();
                Expect(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    string? name = null;
                    string? document = null;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("name"u8))
                        {
                            reader.Read();
                            name = lastName is not null && reader.ValueTextEquals(lastName)
                                ? lastName
                                : reader.GetString();
                            lastName = name;
                        }
                        else if (reader.ValueTextEquals("documentKey"u8))
                        {
                            reader.Read();
                            document = reader.GetString();
                        }
                        else
                        {
                            reader.Read();
                            reader.Skip();
                        }
                    }

                    entries.Add((name ?? throw Malformed("an entry without its name"),
                        document ?? throw Malformed("an entry without its document")));
                }
            }
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
        {
            if (reader.TokenType != token)
            {
                throw Malformed($"{token} expected, {reader.TokenType} found");
            }
        }

        private static JsonException Malformed(string what) =>
            new($"A stored person-name partition does not read: {what}.");
    }
}
