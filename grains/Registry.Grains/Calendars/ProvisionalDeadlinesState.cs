namespace Registry.Grains.Calendars;

/// <summary>Stored state of one partition of a year's provisional deadlines: the marriage ids.</summary>
public sealed class ProvisionalDeadlinesState
{
    public List<string> MarriageIds { get; set; } = [];
}
