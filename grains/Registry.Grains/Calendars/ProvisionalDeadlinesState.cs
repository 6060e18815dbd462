using System.Text.Json.Serialization;

namespace Registry.Grains.Calendars;

/// <summary>Stored state of one partition of a year's provisional deadlines: the marriage ids, or none once it split
/// into children (see <see cref="Publishing.PartitionSplits"/>).</summary>
public sealed class ProvisionalDeadlinesState
{
    public List<string> MarriageIds { get; set; } = [];

    /// <summary>Whether this partition handed its ids to child partitions; false in states stored before partitions
    /// could split; written only when true.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Split { get; set; }

    /// <summary>How this partition picks each id's child once split: recorded by the split (every split since
    /// 2026-12-07 by <see cref="Publishing.ChildHash.Mixed"/>); <see cref="Publishing.ChildHash.LowBits"/>, the
    /// default, which is not written, in partitions split before. Unused while a partition is unsplit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Publishing.ChildHash Children { get; set; }
}
