namespace Registry.Hosting.Divisions;

/// <summary>The official editions shipped with the silo (ReferenceData/divisions/editions/&lt;cut-off&gt;/, see the
/// ATTRIBUTION.md there), oldest first.</summary>
public static class ShippedEditions
{
    public static string Directory => Path.Combine(DivisionReferenceData.DefaultDirectory, "editions");

    public static IReadOnlyList<(DateOnly CutOff, string Directory)> All() =>
        System.IO.Directory.GetDirectories(Directory)
            .Select(dir => (CutOff: DateOnly.ParseExact(Path.GetFileName(dir), "yyyy-MM-dd", null), Directory: dir))
            .OrderBy(e => e.CutOff)
            .ToList();
}
