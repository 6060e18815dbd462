using System.Text;
using System.Text.Json;
using Registry.Grains.Divisions;
using Registry.Hosting.Divisions;
using Registry.Storage;

namespace Registry.Grains.Tests.Divisions;

/// <summary>The directory's rules over the divisions of the four shipped editions, without a cluster.</summary>
public sealed class DivisionDirectoryTests
{
    private static readonly Lazy<IReadOnlyList<DivisionState>> Divisions = new(() =>
    {
        var states = new Dictionary<string, DivisionState>(StringComparer.Ordinal);
        foreach (var (cutOff, directory) in ShippedEditions.All())
        {
            DivisionEdition.Read(cutOff, directory).ApplyTo(states);
        }

        return [.. states.Values];
    });

    private static IReadOnlyList<DivisionDirectoryPartState> Parts() =>
        Divisions.Value.GroupBy(state => DivisionDirectory.PartOf(state.Code))
            .Select(part =>
            {
                var stored = new DivisionDirectoryPartState();
                foreach (var state in part)
                {
                    stored.Put(DivisionDirectory.EntryOf(state));
                }

                return stored;
            })
            .ToList();

    [Fact]
    public void Parts_OfTheShippedEditions_EachFitOneAzureTableEntity()
    {
        // The official provider splits a state over at most 15 properties of 32K UTF-16 characters.
        var sizes = Parts().Select(part => JsonSerializer.Serialize(part, RegistryJson.StateOptions).Length).ToList();

        Assert.True(sizes.Count > 300, $"{sizes.Count} parts");
        Assert.True(sizes.Max() < 15 * 32 * 1024, $"largest part {sizes.Max()} characters");
    }

    [Theory]
    [InlineData("东城", 20)]
    [InlineData("街道", 50)]
    [InlineData("莱芜", 10)]
    public void Search_OverTheParts_AnswersWhatOneSearchOverEveryDivisionDoes(string name, int limit)
    {
        var all = Divisions.Value.Select(DivisionDirectory.EntryOf).ToList();

        var byParts = DivisionDirectory.Ordered(
            Parts().SelectMany(part => DivisionDirectory.Search(part.Entries.Values, name, limit)), limit);

        Assert.NotEmpty(byParts);
        Assert.Equal(DivisionDirectory.Search(all, name, limit).Select(m => m.Code), byParts.Select(m => m.Code));
    }

    [Fact]
    public void Changes_OverTheParts_AnswerWhatOneListOverEveryDivisionDoes()
    {
        var all = Divisions.Value.Select(DivisionDirectory.EntryOf).ToList();
        var from = new DateOnly(2018, 1, 1);
        var to = new DateOnly(2023, 12, 31);

        var byParts = DivisionDirectory.OrderedChanges(
            Parts().SelectMany(part => DivisionDirectory.Changes(part.Entries.Values, from, to, "370000")));

        Assert.NotEmpty(byParts);
        Assert.Equal(DivisionDirectory.Changes(all, from, to, "370000").Select(e => (e.Code, e.Kind, e.EffectiveDate)),
            byParts.Select(e => (e.Code, e.Kind, e.EffectiveDate)));
    }

    [Fact]
    public void ProvinceCodes_FromThePartsThatCanHoldThem_AreEveryProvince()
    {
        var byPart = Divisions.Value.GroupBy(state => DivisionDirectory.PartOf(state.Code))
            .Where(part => DivisionDirectory.HoldsProvinces(part.Key))
            .SelectMany(part => DivisionDirectory.ProvinceCodes(part.Select(DivisionDirectory.EntryOf)));

        var all = DivisionDirectory.ProvinceCodes(Divisions.Value.Select(DivisionDirectory.EntryOf)).ToList();
        Assert.True(all.Count > 30, $"{all.Count} provinces");
        Assert.Equal(all.Order(StringComparer.Ordinal), byPart.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Put_AnEntryReadBackFromStorage_ChangesNothing_AChangedOneReplacesIt()
    {
        var part = Parts().First(p => p.Entries.Count > 100);
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(part, RegistryJson.StateOptions));
        var stored = JsonSerializer.Deserialize<DivisionDirectoryPartState>(json, RegistryJson.StateOptions)!;
        var entry = part.Entries.Values.First(e => e.History.Count > 1);

        Assert.False(stored.Put(entry));
        Assert.True(stored.Put(entry with { Names = [.. entry.Names.Skip(1)] }));
        Assert.Equal(entry.Names.Count - 1, stored.Entries[entry.Code].Names.Count);
    }
}
