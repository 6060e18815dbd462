using System.Text.Json;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Marriages;
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

    [Fact]
    public async Task SearchAsync_AnswersEachPersonsStatusExactlyAsTheirGrainDoesAndLogsEachRead()
    {
        var name = $"状态{TestCodes.NextSerial()}";
        var office = MarriageClusterFixture.NextOffice();
        var (married, spouse) = (TestPeople.Man(), TestPeople.Woman());
        await fixture.RegisterAsync(married, spouse, office);
        var (divorced, exSpouse) = (TestPeople.Man(), TestPeople.Woman());
        var ended = (await fixture.RegisterAsync(divorced, exSpouse, office)).MarriageId;
        await fixture.Marriage(ended).RecordJudgmentAsync(new CourtJudgment(CourtJudgmentKind.Divorce,
            "某区人民法院 (test)", $"(2026)民初{TestCodes.NextSerial()}号", fixture.Today, "judgment (test)", null, null,
            null) { EffectiveDate = fixture.Today });
        var (declaredDead, widow) = (TestPeople.Man(), TestPeople.Woman());
        var death = (await fixture.RegisterAsync(declaredDead, widow, office)).MarriageId;
        await fixture.Marriage(death).RecordJudgmentAsync(new CourtJudgment(CourtJudgmentKind.DeclarationOfDeath,
            "某区人民法院 (test)", $"(2026)民初{TestCodes.NextSerial()}号", fixture.Today, "judgment (test)",
            declaredDead, null, null));
        var remarried = TestPeople.Woman();
        await fixture.RegisterAsync(divorced, remarried, office);
        var renewed = TestPeople.Man();
        await fixture.Person(renewed).LinkToPersonAsync(married, "renewed document (test)");
        var neverMarried = TestPeople.Woman();
        string[] documents =
            [married, spouse, divorced, exSpouse, declaredDead, widow, remarried, renewed, neverMarried];
        foreach (var document in documents)
        {
            var entry = new PersonNameEntry(name, document, $"s-{document}");
            await fixture.Grains.GetGrain<IPersonNameIndexGrain>(entry.PartitionKey)
                .ApplyAsync($"marriage:s-{document}", [entry]);
        }

        var answer = await MarriageClusterFixture.AsUser("clerk-status-search",
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 50));

        // One result per person: the renewed document is the married man's.
        Assert.False(answer.Truncated);
        Assert.Equal(documents.Except([renewed]).Order(), answer.Persons.Select(p => p.Status.IdNumber).Order());
        foreach (var person in answer.Persons)
        {
            var own = await fixture.Person(person.Status.IdNumber).GetMaritalStatusAsync();
            Assert.Equal(JsonSerializer.Serialize(own), JsonSerializer.Serialize(person.Status));
        }

        var statuses = answer.Persons.ToDictionary(p => p.Status.IdNumber, p => p.Status);
        Assert.Equal(MaritalStatus.Married, statuses[married].Status);
        Assert.Equal([renewed], statuses[married].Documents);
        Assert.Equal(MaritalStatus.Divorced, statuses[exSpouse].Status);
        Assert.Equal((MaritalStatus.Married, 2), (statuses[divorced].Status, statuses[divorced].Records.Count));
        Assert.Equal(MaritalStatus.Widowed, statuses[widow].Status);
        Assert.Equal(MaritalStatus.DeclaredDead, statuses[declaredDead].Status);
        Assert.Equal(MaritalStatus.Single, statuses[neverMarried].Status);
        var now = fixture.Time.GetUtcNow();
        var log = await fixture.Grains.GetGrain<IAccessLogGrain>(0).SearchAsync(
            new AccessLogSearch(now.AddDays(-1), now.AddDays(1), null, "clerk-status-search", null, 100));
        Assert.Equal(documents.Except([renewed]).Order(), log.Entries.Where(e => e.Action == "marital-status")
            .Select(e => e.SubjectIdNumber).Order());
        Assert.Single(log.Entries, e => e.Action == "person-search");
    }

    [Fact]
    public async Task SearchAsync_ReadsThePersonsAndTheirMarriagesTogether_NotEachRecordByItself()
    {
        var name = $"批读{TestCodes.NextSerial()}";
        var office = MarriageClusterFixture.NextOffice();
        var couples = new List<(string Man, string Woman, string MarriageId)>();
        for (var i = 0; i < 4; i++)
        {
            var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
            couples.Add((man, woman, (await fixture.RegisterAsync(man, woman, office)).MarriageId));
        }

        foreach (var (man, _, _) in couples)
        {
            var entry = new PersonNameEntry(name, man, $"b-{man}");
            await fixture.Grains.GetGrain<IPersonNameIndexGrain>(entry.PartitionKey)
                .ApplyAsync($"marriage:b-{man}", [entry]);
        }

        var records = couples.SelectMany(c => new[]
            {
                GrainId.Create(StorageNames.PersonGrainType, c.Man).ToString(),
                GrainId.Create(StorageNames.MarriageGrainType, c.MarriageId).ToString(),
            })
            .ToList();
        var before = records.Select(fixture.Store.SingleReadsOf).ToList();

        var answer = await MarriageClusterFixture.AsUser("clerk-batch-search",
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 10));

        Assert.Equal(couples.Select(c => c.Man).Order(), answer.Persons.Select(p => p.Status.IdNumber).Order());
        Assert.All(answer.Persons, p => Assert.Equal(MaritalStatus.Married, p.Status.Status));
        Assert.Equal(before, records.Select(fixture.Store.SingleReadsOf));
    }

    [Fact]
    public async Task SearchAsync_ANameThatAnotherContinuesWithAHash_FindsOnlyItsOwnBearers()
    {
        // The index partitions of "name" are "name#0".."name#15": those of "name#1" ("name#1#0"..) sort among them.
        var name = $"井{TestCodes.NextSerial()}";
        var (own, other) = (TestPeople.Woman(), TestPeople.Woman());
        foreach (var (bearer, borne) in new[] { (own, name), (other, name + "#1") })
        {
            var entry = new PersonNameEntry(borne, bearer, $"h-{bearer}");
            await fixture.Grains.GetGrain<IPersonNameIndexGrain>(entry.PartitionKey)
                .ApplyAsync($"marriage:h-{bearer}", [entry]);
        }

        var answer = await MarriageClusterFixture.AsUser("clerk-search",
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 10));

        Assert.Equal([own], answer.Persons.Select(p => p.Status.IdNumber));
    }
}
