using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Organizations;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

/// <summary>Search of persons by name (<see cref="IPersonSearchGrain"/>) over the name index: one result per person,
/// at most the limit, and whether more were found.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class PersonSearchTests(MarriageClusterFixture fixture)
{
    [Theory]
    [InlineData(3, 2, true)]
    [InlineData(3, 3, false)]
    [InlineData(2, 5, false)]
    public async Task SearchAsync_ANameBorneByManyPersons_ShowsAtMostTheLimitAndSaysWhetherMoreWereFound(
        int bearers, int limit, bool truncated)
    {
        var name = $"检索{TestCodes.NextSerial()}";
        var people = Enumerable.Range(0, bearers).Select(_ => TestPeople.Woman()).ToList();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            var entry = new PersonNameEntry(name, person, $"m{i}");
            await fixture.Grains.GetGrain<IPersonNameIndexGrain>(entry.PartitionKey)
                .ApplyAsync($"marriage:m{i}", [entry]);
        }

        var answer = await MarriageClusterFixture.AsUser("clerk-search",
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, limit));

        Assert.Equal(Math.Min(bearers, limit), answer.Persons.Count);
        Assert.All(answer.Persons, p => Assert.Contains(p.Status.IdNumber, people));
        Assert.Equal(answer.Persons.Count, answer.Persons.Select(p => p.Status.IdNumber).Distinct().Count());
        Assert.All(answer.Persons, p => Assert.Equal([name], p.Names));
        Assert.Equal(truncated, answer.Truncated);
    }
}
