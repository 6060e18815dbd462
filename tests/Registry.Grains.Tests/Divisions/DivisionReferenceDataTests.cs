using Registry.Abstractions.Divisions;
using Registry.Abstractions.Text;
using Registry.Hosting.Divisions;

namespace Registry.Grains.Tests.Divisions;

public sealed class DivisionReferenceDataTests
{
    private static int RowsIn(string file) =>
        File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, file)).Count(line => line.Length > 0) - 1;

    [Fact]
    public void Load_ShippedLists_HasEveryRowOnceWithTheRepeatedPrefecturesMerged()
    {
        var all = ReferenceDivisions.All;
        var counties = all.Count(d => d.Level == DivisionLevel.County);

        Assert.Equal(RowsIn("divisions-2023-provinces.csv"), all.Count(d => d.Level == DivisionLevel.Province));
        Assert.Equal(RowsIn("divisions-2023-cities.csv"), all.Count(d => d.Level == DivisionLevel.Prefecture));
        Assert.Equal(RowsIn("divisions-2023-streets.csv"), all.Count(d => d.Level == DivisionLevel.Township));
        // Each county row whose code equals its prefecture's (a prefecture without counties) is one division.
        var repeated = File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, "divisions-2023-areas.csv"))
            .Skip(1)
            .Select(line => CsvLine.Fields(line)!)
            .Count(row => row[0] == DivisionCode.Pad(row[2]));
        Assert.True(repeated > 0);
        Assert.Equal(RowsIn("divisions-2023-areas.csv") - repeated, counties);
        Assert.Equal(all.Count, all.Select(d => d.Code).Distinct().Count());
    }

    [Fact]
    public void Load_ShippedLists_LinksEveryDivisionToAParentThatListsItAsChild()
    {
        var byCode = ReferenceDivisions.All.ToDictionary(d => d.Code);

        foreach (var division in ReferenceDivisions.All)
        {
            if (division.Level == DivisionLevel.Province)
            {
                Assert.Null(division.ParentCode);
                continue;
            }

            var parent = byCode[division.ParentCode!];
            Assert.True(parent.Level < division.Level, $"{division.Code} sits under {parent.Code}");
            Assert.Contains(parent.Children, link => link.Code == division.Code);
        }
    }
}
