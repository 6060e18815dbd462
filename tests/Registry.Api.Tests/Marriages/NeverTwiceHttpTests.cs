using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Api.Tests.Marriages;

[Collection(MarriageApiCollection.Name)]
public sealed class NeverTwiceHttpTests(MarriageApiFixture fixture)
{
    [Fact]
    public async Task ConcurrentPostsForOnePersonAtManyOffices_ExactlyOneIs201AndTheRestNameTheRule()
    {
        var man = MarriageApiFixture.Man();
        var women = Enumerable.Range(0, 32).Select(_ => MarriageApiFixture.Woman()).ToList();
        var offices = women.Select(_ => MarriageApiFixture.NextOffice()).ToList();

        var responses = await Task.WhenAll(women.Select((woman, i) => fixture.RegistrarAt(offices[i])
            .PostAsJsonAsync("/api/marriages", MarriageApiFixture.Registration(man, woman, offices[i]))));

        var created = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r != created))
        {
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            var rule = problem.GetProperty("rule").GetString();
            Assert.True(rule is "registration-in-progress" or "person-already-married", rule);
            Assert.Equal(rule == "registration-in-progress" ? 409 : 422, (int)refused.StatusCode);
        }

        var marriage = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement
            .GetProperty("marriageId").GetString();
        var status = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{man}/marital-status")).RootElement;
        Assert.Equal("married", status.GetProperty("status").GetString());
        Assert.Equal(marriage, status.GetProperty("currentMarriageId").GetString());
        Assert.Equal(1, status.GetProperty("records").GetArrayLength());
        var married = 0;
        foreach (var woman in women)
        {
            var hers = JsonDocument.Parse(await fixture.Registrar.GetStringAsync($"/api/persons/{woman}/marital-status"))
                .RootElement;
            married += hers.GetProperty("status").GetString() == "married" ? 1 : 0;
        }

        Assert.Equal(1, married);
    }
}
