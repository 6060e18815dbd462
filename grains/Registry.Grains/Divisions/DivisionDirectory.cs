using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>
/// The division directory's rules, over plain entries: which part holds a division, what a division contributes, name
/// search and change lists, and how the parts' answers combine. The grains (<see cref="DivisionDirectoryGrain"/>,
/// <see cref="DivisionDirectoryPartGrain"/>) and the division seeder only hold, store and send what these give.
/// </summary>
public static class DivisionDirectory
{
    /// <summary>The key of the one directory activation, for the whole country.</summary>
    public const string Key = "cn";

    /// <summary>
    /// The part that holds a division: the first four digits of its code, its prefecture's (a province's own entry and
    /// its directly administered counties share the part of their prefix). Parts stay bounded by the country's own
    /// divisions: the largest, Chongqing's 5001, held 712 counties and townships over the four shipped editions, where
    /// a province (Sichuan, 5,464) would have made a state of megabytes, more than one Azure Table entity holds.
    /// </summary>
    public static string PartOf(string code) => code[..Math.Min(4, code.Length)];

    /// <summary>What a division contributes to the directory, from its record.</summary>
    public static DivisionDirectoryEntry EntryOf(DivisionState state) =>
        new(state.Code, state.Level, DivisionTimeline.NamePeriods(state), DivisionTimeline.History(state));

    /// <summary>Whether two entries hold the same: equal in value, list by list (an entry read back from storage is
    /// a different object with different lists).</summary>
    public static bool Same(DivisionDirectoryEntry a, DivisionDirectoryEntry b) =>
        a.Code == b.Code && a.Level == b.Level && a.Names.SequenceEqual(b.Names) &&
        a.History.Count == b.History.Count && a.History.Zip(b.History).All(pair => Same(pair.First, pair.Second));

    private static bool Same(DivisionEvent a, DivisionEvent b) =>
        a with { RelatedCodes = null } == b with { RelatedCodes = null } &&
        (a.RelatedCodes ?? []).SequenceEqual(b.RelatedCodes ?? [], StringComparer.Ordinal);

    /// <summary>Divisions that ever had a name equal to <paramref name="name"/> or containing it, in the directory's
    /// order (exact first, then by level and code); at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<DivisionNameMatch> Search(IEnumerable<DivisionDirectoryEntry> entries, string name,
        int limit)
    {
        var matches = new List<DivisionNameMatch>();
        foreach (var entry in entries)
        {
            var exact = entry.Names.FirstOrDefault(n => n.Name == name);
            var found = exact ?? entry.Names.FirstOrDefault(n => n.Name.Contains(name, StringComparison.Ordinal));
            if (found is not null)
            {
                matches.Add(new DivisionNameMatch(entry.Code, found.Name, exact is not null, entry.Level, entry.Names));
            }
        }

        return Ordered(matches, limit);
    }

    /// <summary>The parts' matches as one answer, in the directory's order; at most <paramref name="limit"/>.</summary>
    public static IReadOnlyList<DivisionNameMatch> Ordered(IEnumerable<DivisionNameMatch> matches, int limit) =>
        matches
            .OrderByDescending(m => m.Exact)
            .ThenBy(m => m.Level)
            .ThenBy(m => m.Code, StringComparer.Ordinal)
            .Take(limit)
            .ToList();

    /// <summary>
    /// Every change effective from <paramref name="from"/> to <paramref name="to"/> (inclusive), with edition changes
    /// whose interval overlaps the period; with <paramref name="under"/>, only divisions under that code (GB/T 2260
    /// prefix) or that moved from or to it. In the directory's order (<see cref="OrderedChanges"/>).
    /// </summary>
    public static IReadOnlyList<DivisionEvent> Changes(IEnumerable<DivisionDirectoryEntry> entries, DateOnly from,
        DateOnly to, string? under)
    {
        var prefix = under is null ? null : PrefixOf(under);
        return OrderedChanges(entries
            .Where(entry => prefix is null || entry.Code.StartsWith(prefix, StringComparison.Ordinal) ||
                entry.History.Any(e => e.RelatedCode?.StartsWith(prefix, StringComparison.Ordinal) == true))
            .SelectMany(entry => entry.History)
            .Where(e => IsChange(e) && e.EffectiveDate is { } by &&
                (e.ChangedAfter is { } after ? after < to && by >= from : by >= from && by <= to)));
    }

    /// <summary>Changes oldest first, then by code and sequence.</summary>
    public static IReadOnlyList<DivisionEvent> OrderedChanges(IEnumerable<DivisionEvent> changes) =>
        changes
            .OrderBy(e => e.EffectiveDate)
            .ThenBy(e => e.Code, StringComparer.Ordinal)
            .ThenBy(e => e.Sequence)
            .ToList();

    /// <summary>Whether a part can hold a province: a province's code ends in four zeros (GB/T 2260), so its part's
    /// key in two.</summary>
    public static bool HoldsProvinces(string part) => part.EndsWith("00", StringComparison.Ordinal);

    /// <summary>The province codes among the entries.</summary>
    public static IEnumerable<string> ProvinceCodes(IEnumerable<DivisionDirectoryEntry> entries) =>
        entries.Where(e => e.Level == DivisionLevel.Province).Select(e => e.Code);

    /// <summary>A province's code prefix is 2 digits, a prefecture's 4, a county's all 6 (its townships extend it).
    /// </summary>
    private static string PrefixOf(string code) =>
        code.Length == 9 ? code
        : code.EndsWith("0000", StringComparison.Ordinal) ? code[..2]
        : code.EndsWith("00", StringComparison.Ordinal) ? code[..4]
        : code;

    /// <summary>A first listing in the earliest edition is where the records begin, not a change.</summary>
    private static bool IsChange(DivisionEvent e) =>
        !(e.Kind == DivisionEventKind.Recorded && e.Sequence == 0 && e.ChangedAfter is null);
}

/// <summary>Stored state of one part of the division directory: each division's entry, by code.</summary>
public sealed class DivisionDirectoryPartState
{
    public Dictionary<string, DivisionDirectoryEntry> Entries { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="entry"/> for its division; whether that changed anything.</summary>
    public bool Put(DivisionDirectoryEntry entry)
    {
        if (Entries.TryGetValue(entry.Code, out var known) && DivisionDirectory.Same(known, entry))
        {
            return false;
        }

        Entries[entry.Code] = entry;
        return true;
    }
}

/// <summary>Stored state of the division directory: the keys of its parts that hold entries.</summary>
public sealed class DivisionDirectoryState
{
    public List<string> Parts { get; set; } = [];

    /// <summary>Notes a part; whether it was new.</summary>
    public bool Add(string part)
    {
        if (Parts.Contains(part, StringComparer.Ordinal))
        {
            return false;
        }

        Parts.Add(part);
        Parts.Sort(StringComparer.Ordinal);
        return true;
    }
}
