using System.Text;

namespace Registry.Grains.Places.Spelling;

/// <summary>Reads an embedded tab-separated data file of <c>Places/Data</c>, skipping blank and <c>#</c> lines.</summary>
internal static class EmbeddedList
{
    public static IEnumerable<string[]> Rows(string file)
    {
        using var stream = typeof(EmbeddedList).Assembly.GetManifestResourceStream($"Registry.Grains.Places.{file}")
            ?? throw new InvalidOperationException($"The embedded data file {file} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                yield return line.Split('\t');
            }
        }
    }
}
