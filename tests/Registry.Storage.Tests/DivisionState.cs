namespace Registry.Storage.Tests;

/// <summary>A grain state shaped like the Registry's: strings, an enum, a date, a list.</summary>
public sealed class DivisionState
{
    public string Name { get; set; } = string.Empty;

    public DivisionLevel Level { get; set; }

    public DateOnly EstablishedOn { get; set; }

    public List<string> Aliases { get; set; } = [];

    public long Population { get; set; }
}
