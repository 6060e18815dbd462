using System.Net;
using Registry.Grains.Tests.Divisions;

namespace Registry.Api.Tests.Places;

/// <summary>A place name's division is checked against the division history for the day it is recorded (issue 14
/// part 5): a county the shipped editions show ended is refused by name, with the rule naming it.</summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameDivisionHistoryTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";

    private readonly PlaceNameClient api = new(fixture.Factory);

    [Fact]
    public async Task Propose_InADivisionNoLongerInForce_Is422NamingTheRule()
    {
        var ended = EditionChanges.EndedCounties[0];
        var name = EditionChanges.EarliestName(ended);
        var spelling = await api.SpellingAsync(name, AdministrativeDivision);

        var problem = await Problems.AssertProblemAsync(await api.ProposeAsync(name, spelling, AdministrativeDivision,
            ended, PlaceTestData.ChinesePoint(29)), HttpStatusCode.UnprocessableEntity, "place-division-not-in-force");

        Assert.Contains(ended, problem.GetProperty("detail").GetString());
    }
}
