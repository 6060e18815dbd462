namespace Registry.Grains.Statistics;

/// <summary>A stored period fact: its figure, day of the month (1-31) and count.</summary>
public sealed record PartitionFact(string Figure, int Day, int Count);
