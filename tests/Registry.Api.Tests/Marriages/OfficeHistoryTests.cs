using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Divisions;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// A marriage's office is judged by the division history on the record's own date (issue 14 part 5), with one rule
/// for a registration today and an entry from the archive: 莱城区 (371202), a district of 莱芜市 that the shipped 2017
/// edition lists and no later one does, registers nothing today, while a marriage it registered in 2018 is entered
/// from the archive; an entry dated after it ended is refused by the same rule.
/// </summary>
[Collection(MarriageApiCollection.Name)]
public sealed class OfficeHistoryTests(MarriageApiFixture fixture)
{
    private const string Laicheng = "371202";

    private static int serial;

    private static string Number(int year) =>
        $"J{Laicheng}-{year}-{Interlocked.Increment(ref serial) + 700_000:000000}";

    private static object Entry(string number, DateOnly date, string a, string b) => new
    {
        certificateNumber = number,
        registeredOn = date.ToString("yyyy-MM-dd"),
        office = Laicheng,
        partyA = new { idNumber = a, name = "王" + "强", nationality = "中国" },
        partyB = new { idNumber = b, name = "刘" + "芳", nationality = "中国" },
        source = new { volume = "婚-01", page = "3" },
    };

    private async Task<string> StatusAsync(string idNumber) =>
        JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{idNumber}/marital-status"))
            .RootElement.GetProperty("status").GetString()!;

    [Fact]
    public async Task EndedOffice_RefusesARegistrationToday_AcceptsTheArchiveOfItsOwnYears_RefusesOneAfterItEnded()
    {
        // The shipped editions say so: in the earliest, in none after it.
        Assert.Contains(Laicheng, EditionChanges.EndedCounties);
        Assert.Equal("莱城区", EditionChanges.EarliestName(Laicheng));
        var earliest = EditionChanges.Earliest.CutOff;
        var ended = DateOnly.Parse((await fixture.Registrar.GetFromJsonAsync<JsonElement>(
            $"/api/divisions/{Laicheng}")).GetProperty("validTo").GetString()!);
        Assert.True(ended > earliest.AddDays(1), $"{ended}");
        var registrar = fixture.RegistrarAt(Laicheng);

        // Today: refused by name, and nobody is held.
        // Old enough to marry on the archive dates too.
        var (man, woman) = (MarriageApiFixture.Born(new DateOnly(1981, 4, 5), Sex.Male),
            MarriageApiFixture.Born(new DateOnly(1983, 6, 7), Sex.Female));
        var today = await registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, Laicheng));
        var problem = await Problems.AssertProblemAsync(today, HttpStatusCode.UnprocessableEntity,
            "office-not-in-force");
        Assert.Contains(Laicheng, problem.GetProperty("detail").GetString());
        Assert.Equal(("single", "single"), (await StatusAsync(man), await StatusAsync(woman)));

        // Entered from the archive with a date it was in force (the day after the earliest edition's cut-off).
        var inForce = earliest.AddDays(1);
        var archived = await registrar.PostAsJsonAsync("/api/marriages/archive-entries",
            Entry(Number(inForce.Year), inForce, man, woman));
        Assert.True(archived.StatusCode == HttpStatusCode.Created, await archived.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await archived.Content.ReadAsStringAsync()).RootElement
            .GetProperty("marriageId").GetString();
        var record = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/marriages/{id}")).RootElement;
        Assert.Equal((Laicheng, inForce.ToString("yyyy-MM-dd")),
            (record.GetProperty("office").GetString(), record.GetProperty("registeredOn").GetString()));
        Assert.Equal(("married", "married"), (await StatusAsync(man), await StatusAsync(woman)));

        // An archive entry dated the day it ended is refused by the same rule as today's registration.
        var (other, otherWife) = (MarriageApiFixture.Born(new DateOnly(1982, 2, 3), Sex.Male),
            MarriageApiFixture.Born(new DateOnly(1984, 8, 9), Sex.Female));
        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync("/api/marriages/archive-entries",
                Entry(Number(ended.Year), ended, other, otherWife)), HttpStatusCode.UnprocessableEntity,
            "office-not-in-force");
        Assert.Equal("single", await StatusAsync(other));
    }
}
