namespace Registry.Abstractions.Statistics;

/// <summary>Figures per office: office code (or a <see cref="StatisticsFigures.SharedPrefix"/> correction) to figure
/// key to value.</summary>
[GenerateSerializer, Alias("Registry.Statistics.OfficeFigures")]
public sealed class OfficeFigures
{
    [Id(0)]
    public Dictionary<string, Dictionary<string, long>> Offices { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="value"/> to the figure of the office.</summary>
    public void Add(string office, string figure, long value)
    {
        if (!Offices.TryGetValue(office, out var figures))
        {
            Offices[office] = figures = new Dictionary<string, long>(StringComparer.Ordinal);
        }

        figures[figure] = figures.GetValueOrDefault(figure) + value;
    }

    /// <summary>Adds every figure of <paramref name="other"/>.</summary>
    public void AddAll(OfficeFigures other)
    {
        foreach (var (office, figures) in other.Offices)
        {
            foreach (var (figure, value) in figures)
            {
                Add(office, figure, value);
            }
        }
    }
}
