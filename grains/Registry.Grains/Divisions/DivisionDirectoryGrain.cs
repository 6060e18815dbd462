using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Grains.Storage;

namespace Registry.Grains.Divisions;

/// <summary>Name search and change lists over every division; see <see cref="IDivisionDirectoryGrain"/>. Holds no
/// state of its own: it is rebuilt from the stored division records on activation.</summary>
[GrainType(StorageNames.DivisionDirectory)]
public sealed class DivisionDirectoryGrain(IStoredRecords records, IGrainFactory grains) : Grain,
    IDivisionDirectoryGrain
{
    private readonly Dictionary<string, DivisionIndexEntry> entries = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await foreach (var state in records.ReadAllAsync<DivisionState>(StorageNames.Division,
                           cancellationToken: cancellationToken))
        {
            if (state.Code.Length > 0)
            {
                entries[state.Code] = DivisionIndexEntry.Of(state);
            }
        }
    }

    public Task<IReadOnlyList<DivisionNameMatch>> SearchAsync(string name, int limit)
    {
        var matches = new List<DivisionNameMatch>();
        foreach (var entry in entries.Values)
        {
            var exact = entry.Names.FirstOrDefault(n => n.Name == name);
            var found = exact ?? entry.Names.FirstOrDefault(n => n.Name.Contains(name, StringComparison.Ordinal));
            if (found is not null)
            {
                matches.Add(new DivisionNameMatch(entry.Code, found.Name, exact is not null, entry.Level, entry.Names));
            }
        }

        return Task.FromResult<IReadOnlyList<DivisionNameMatch>>(matches
            .OrderByDescending(m => m.Exact)
            .ThenBy(m => m.Level)
            .ThenBy(m => m.Code, StringComparer.Ordinal)
            .Take(limit)
            .ToList());
    }

    public Task<IReadOnlyList<DivisionEvent>> GetChangesAsync(DateOnly from, DateOnly to, string? under)
    {
        var prefix = under is null ? null : PrefixOf(under);
        var changes = entries.Values
            .Where(entry => prefix is null || entry.Code.StartsWith(prefix, StringComparison.Ordinal) ||
                entry.History.Any(e => e.RelatedCode?.StartsWith(prefix, StringComparison.Ordinal) == true))
            .SelectMany(entry => entry.History)
            .Where(e => IsChange(e) && e.EffectiveDate is { } by &&
                (e.ChangedAfter is { } after ? after < to && by >= from : by >= from && by <= to))
            .OrderBy(e => e.EffectiveDate)
            .ThenBy(e => e.Code, StringComparer.Ordinal)
            .ThenBy(e => e.Sequence)
            .ToList();
        return Task.FromResult<IReadOnlyList<DivisionEvent>>(changes);
    }

    public Task<IReadOnlyList<string>> GetProvinceCodesAsync() =>
        Task.FromResult<IReadOnlyList<string>>(entries.Values
            .Where(e => e.Level == DivisionLevel.Province)
            .Select(e => e.Code)
            .Order(StringComparer.Ordinal)
            .ToList());

    public async Task RefreshAsync(IReadOnlyList<string> codes)
    {
        foreach (var code in codes.Distinct(StringComparer.Ordinal))
        {
            var division = grains.Get<IDivisionGrain>(code);
            var history = await division.GetHistoryAsync();
            var today = await division.GetAsync(DateOnly.MaxValue);
            entries[code] = new DivisionIndexEntry(code, today.Level, today.Names, history);
        }
    }

    /// <summary>A province's code prefix is 2 digits, a prefecture's 4, a county's all 6 (its townships extend it).</summary>
    private static string PrefixOf(string code) =>
        code.Length == 9 ? code
        : code.EndsWith("0000", StringComparison.Ordinal) ? code[..2]
        : code.EndsWith("00", StringComparison.Ordinal) ? code[..4]
        : code;

    /// <summary>A first listing in the earliest edition is where the records begin, not a change.</summary>
    private static bool IsChange(DivisionEvent e) =>
        !(e.Kind == DivisionEventKind.Recorded && e.Sequence == 0 && e.ChangedAfter is null);
}
