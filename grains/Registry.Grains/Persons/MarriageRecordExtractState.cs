using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>Stored state of one issued marriage-record extract: the extract as issued, never changed.</summary>
public sealed class MarriageRecordExtractState
{
    public MarriageRecordExtract? Extract { get; set; }
}
