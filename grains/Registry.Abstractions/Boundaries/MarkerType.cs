namespace Registry.Abstractions.Boundaries;

/// <summary>How many markers share one number (GB/T 17796): a single marker on the line, a pair (同号双立, one
/// on each bank of a boundary river), or a triple (同号三立, e.g. where rivers meet or three divisions meet).</summary>
[GenerateSerializer, Alias("Registry.Boundaries.MarkerType")]
public enum MarkerType
{
    Single = 0,
    Pair = 1,
    Triple = 2,
}
