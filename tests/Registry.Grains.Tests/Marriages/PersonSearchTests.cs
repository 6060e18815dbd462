using System.Text.Json;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Organizations;
using Registry.Grains.Tests.Persons;
using Registry.Storage;

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
    public async Task SearchAsync_PagedWithNext_ShowsEachPersonOnceAtTheirFirstDocument_AndABearerAddedBetweenPagesShiftsNothing()
    {
        var name = $"翻页{TestCodes.NextSerial()}";
        var people = Enumerable.Range(0, 7).Select(_ => TestPeople.Woman()).ToList();
        var renewed = TestPeople.Woman(); // a second document of people[3], under the same name
        await fixture.Person(renewed).LinkToPersonAsync(people[3], "renewed document (test)");
        foreach (var document in people.Append(renewed))
        {
            await IndexAsync(name, document);
        }

        var clerk = $"clerk-pages-{TestCodes.NextSerial()}";
        var pages = new List<PersonSearchAnswer>();
        string? newcomer = null;
        string? after = null;
        do
        {
            var from = after;
            pages.Add(await MarriageClusterFixture.AsUser(clerk,
                () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 3, from)));
            after = pages[^1].Next;
            if (newcomer is null)
            {
                // Registered between the first page and the second.
                newcomer = TestPeople.Woman();
                await IndexAsync(name, newcomer);
            }
        }
        while (after is not null && pages.Count < 10);

        // Each person at the first of their documents under the name, in page-key order; the newcomer only if theirs
        // sorts after the first page (a new search finds them otherwise).
        string FirstOf(string person) => (person == people[3] ? [person, renewed] : new[] { person })
            .Select(PersonSearchAnswer.PageKeyOf).Min(StringComparer.Ordinal)!;
        var expected = people.Append(newcomer!)
            .Where(p => p != newcomer || string.CompareOrdinal(FirstOf(newcomer), pages[0].Next) > 0)
            .OrderBy(FirstOf, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, pages.SelectMany(p => p.Persons).Select(p => p.Status.IdNumber));
        Assert.All(pages[..^1], p => Assert.Equal((3, true, FirstOf(p.Persons[^1].Status.IdNumber)),
            (p.Persons.Count, p.Truncated, p.Next)));
        Assert.Equal((false, null), (pages[^1].Truncated, pages[^1].Next));
        Assert.Equal([renewed], pages.SelectMany(p => p.Persons).Single(p => p.Status.IdNumber == people[3]).Status.Documents);

        var now = fixture.Time.GetUtcNow();
        var log = await fixture.Grains.GetGrain<IAccessLogGrain>(0).SearchAsync(
            new AccessLogSearch(now.AddDays(-1), now.AddDays(1), null, clerk, null, 100));
        Assert.Equal(pages.Select((p, i) => $"name={name}; results={p.Persons.Count}{(p.Next is null ? "" : "+")}" +
                (i == 0 ? "" : "; after a previous page")),
            log.Entries.Where(e => e.Action == "person-search").Select(e => e.RecordId));

        // Each person shown is logged as read, once; the one read past each page, only to know that more follow, was
        // not shown and is not logged.
        Assert.Equal(pages.SelectMany(p => p.Persons).Select(p => p.Status.IdNumber).Order(),
            log.Entries.Where(e => e.Action == "marital-status").Select(e => e.SubjectIdNumber).Order());
    }

    private Task IndexAsync(string name, string document)
    {
        var entry = new PersonNameEntry(name, document, $"p-{document}");
        return fixture.Grains.GetGrain<IPersonNameIndexGrain>(entry.PartitionKey)
            .ApplyAsync($"marriage:p-{document}", [entry]);
    }

    [Theory]
    [InlineData("@1")]
    [InlineData("@a.3")]
    [InlineData("#1")]
    public async Task SearchAsync_ANameThatAnotherContinuesWithAPartitionsSuffix_FindsOnlyItsOwnBearers(string suffix)
    {
        // The index partitions of "name" are "name@0".."name@f" (and "name#0".."name#15" in the earlier layout):
        // those of "name@1" ("name@1@0"..) are in the key range of "name@1", whose children are "name@1.0"...
        var name = $"井{TestCodes.NextSerial()}";
        var (own, other) = (TestPeople.Woman(), TestPeople.Woman());
        foreach (var (bearer, borne) in new[] { (own, name), (other, name + suffix) })
        {
            var entry = new PersonNameEntry(borne, bearer, $"h-{bearer}");
            await fixture.Grains.GetGrain<IPersonNameIndexGrain>(entry.PartitionKey)
                .ApplyAsync($"marriage:h-{bearer}", [entry]);
        }

        var answer = await MarriageClusterFixture.AsUser("clerk-search",
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 10));

        Assert.Equal([own], answer.Persons.Select(p => p.Status.IdNumber));
    }

    /// <summary>
    /// A page reads the name's partitions from the one its cursor falls in, only as far as it needs (a common name's
    /// first page one partition of sixteen); a page that runs out reads on, and finds the rest in page-key order.
    /// </summary>
    [Fact]
    public async Task SearchAsync_APage_ReadsOnlyThePartitionsItReaches()
    {
        var name = $"分区{TestCodes.NextSerial()}";
        var first = DocumentsIn(name, 0, 7);
        var second = DocumentsIn(name, 1, 3);
        foreach (var document in first.Concat(second))
        {
            await IndexAsync(name, document);
        }

        var clerk = $"clerk-reach-{TestCodes.NextSerial()}";
        var page1 = await MarriageClusterFixture.AsUser(clerk,
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 5));

        var byPageKey = first.Concat(second).OrderBy(PersonSearchAnswer.PageKeyOf, StringComparer.Ordinal).ToList();
        Assert.Equal(byPageKey[..5], page1.Persons.Select(p => p.Status.IdNumber));
        Assert.True(page1.Truncated);
        Assert.Equal((1, 0, 1), (PrefixReads(name, "@0"), PrefixReads(name, "@1"), PrefixReads(name, "#")));

        var page2 = await MarriageClusterFixture.AsUser(clerk,
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 5, page1.Next));

        Assert.Equal(byPageKey[5..], page2.Persons.Select(p => p.Status.IdNumber));
        Assert.Equal((false, null), (page2.Truncated, page2.Next));
        Assert.Equal((2, 1, 1), (PrefixReads(name, "@0"), PrefixReads(name, "@1"), PrefixReads(name, "@f")));
    }

    /// <summary>
    /// A later page starts from its cursor's partition, but a person is shown only at the first of their documents
    /// under the name: one whose linked document lies in a partition before the cursor's (shown on an earlier page)
    /// is not shown again, and a shown person's names under a document in a partition the page did not reach are
    /// shown too.
    /// </summary>
    [Fact]
    public async Task SearchAsync_APersonsDocumentsInPartitionsThePageDidNotReach_AreStillTheirs()
    {
        var name = $"Jane Roe{TestCodes.NextSerial()}";
        // The first page (of one) is found in the first partition: the first person there, and one more.
        var (early, next) = DocumentsIn(name, 0, 2).OrderBy(PersonSearchAnswer.PageKeyOf, StringComparer.Ordinal)
            .ToArray() switch { var d => (d[0], d[1]) };
        var middle = DocumentsIn(name, 3, 1).Single();
        var (late, other) = (DocumentsIn(name, 5, 1).Single(), DocumentsIn(name, 6, 1).Single());
        await fixture.Person(late).LinkToPersonAsync(early, "renewed document (test)");
        foreach (var document in new[] { early, next, middle, other })
        {
            await IndexAsync(name, document);
        }

        await IndexAsync(name.ToUpperInvariant(), late);

        var pages = await AllPagesAsync(name, 1, "clerk-linked");

        Assert.Equal([early, next, middle, other], pages.SelectMany(p => p.Persons).Select(p => p.Status.IdNumber));
        Assert.Equal([name, name.ToUpperInvariant()], pages[0].Persons.Single().Names);
    }

    /// <summary>
    /// Partitions a build before 2026-12-07 stored (by a hash of the document: <c>{name}#{n}</c>), not yet moved by
    /// <c>migrate-storage</c>: a search reads them too, so their bearers and the page layout's come in one page-key
    /// order, each once.
    /// </summary>
    [Fact]
    public async Task SearchAsync_PartitionsOfTheEarlierLayout_AreReadBesideThePageLayout()
    {
        var name = $"旧名{TestCodes.NextSerial()}";
        var earlier = Enumerable.Range(0, 5).Select(_ => TestPeople.Man()).ToList();
        var current = Enumerable.Range(0, 3).Select(_ => TestPeople.Man()).ToList();
        foreach (var (document, n) in earlier.Select((d, n) => (d, n)))
        {
            var state = new RecordEntriesState<PersonNameEntry>();
            state.ByRecord[$"marriage:e-{document}"] = [new PersonNameEntry(name, document, $"e-{document}")];
            await fixture.Store.WriteAsync(
                new GrainStateKey(StorageNames.PersonNameIndex, GrainIdOf($"{PersonNameEntry.KeyOf(name)}#{n * 3}")),
                null, JsonSerializer.Serialize(state, RegistryJson.StateOptions), TestContext.Current.CancellationToken);
        }

        // One bearer in both layouts (published again after the upgrade): shown once.
        foreach (var document in current.Append(earlier[0]))
        {
            await IndexAsync(name, document);
        }

        var pages = await AllPagesAsync(name, 3, "clerk-earlier");

        Assert.Equal(earlier.Concat(current).OrderBy(PersonSearchAnswer.PageKeyOf, StringComparer.Ordinal),
            pages.SelectMany(p => p.Persons).Select(p => p.Status.IdNumber));
    }

    /// <summary>Every page of a search for <paramref name="name"/>, <paramref name="limit"/> persons a page, each
    /// page after the last one's <c>Next</c> (at most ten).</summary>
    private async Task<List<PersonSearchAnswer>> AllPagesAsync(string name, int limit, string clerk)
    {
        var pages = new List<PersonSearchAnswer>();
        string? after = null;
        do
        {
            var from = after;
            pages.Add(await MarriageClusterFixture.AsUser(clerk,
                () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, limit, from)));
            after = pages[^1].Next;
        }
        while (after is not null && pages.Count < 10);
        return pages;
    }

    /// <summary><paramref name="count"/> new documents (women's ID numbers) whose entries under
    /// <paramref name="name"/> fall in the name's partition <paramref name="share"/>.</summary>
    private static List<string> DocumentsIn(string name, int share, int count)
    {
        var partition = PersonNameEntry.PartitionKeysOf(name).ElementAt(share);
        var documents = new List<string>();
        while (documents.Count < count)
        {
            var woman = TestPeople.Woman();
            if (new PersonNameEntry(name, woman, "m").PartitionKey == partition)
            {
                documents.Add(woman);
            }
        }

        return documents;
    }

    private int PrefixReads(string name, string suffix) =>
        fixture.Store.PrefixReadsOf(GrainIdOf(PersonNameEntry.KeyOf(name) + suffix));

    private static string GrainIdOf(string key) =>
        Orleans.Runtime.GrainId.Create(StorageNames.PersonNameIndex, key).ToString();

    /// <summary>
    /// A name borne by more people than one partition holds (the commonest full names are borne by hundreds of
    /// thousands): the partition splits at its bound into children, each stored state stays bounded, a record sent
    /// again replaces its entries where they are, and both the partition and the search still find every bearer.
    /// </summary>
    [Fact]
    public async Task NameIndex_APartitionPastItsBound_SplitsIntoBoundedChildren_AndEveryBearerIsStillFound()
    {
        var name = $"常名{TestCodes.NextSerial()}";
        var partition = PersonNameEntry.PartitionKeysOf(name).First();
        var bearers = new List<string>();
        while (bearers.Count < PartitionSplits.MaxRecords + 6)
        {
            var woman = TestPeople.Woman();
            if (new PersonNameEntry(name, woman, "m").PartitionKey == partition)
            {
                bearers.Add(woman);
            }
        }

        var index = fixture.Grains.GetGrain<IPersonNameIndexGrain>(partition);
        foreach (var (bearer, i) in bearers.Select((b, i) => (b, i)))
        {
            await index.ApplyAsync($"marriage:c{i}", [new PersonNameEntry(name, bearer, $"c{i}")]);
        }

        var parent = await StoredPartitionAsync(partition);
        Assert.True(parent!.Split);
        Assert.Empty(parent.ByRecord);
        var children = new List<RecordEntriesState<PersonNameEntry>>();
        foreach (var child in PartitionSplits.ChildrenOf(partition))
        {
            if (await StoredPartitionAsync(child) is { } stored)
            {
                children.Add(stored);
            }
        }

        Assert.All(children, child => Assert.InRange(child.ByRecord.Count, 1, PartitionSplits.MaxRecords));
        Assert.Equal(bearers.Count, children.Sum(child => child.ByRecord.Count));
        Assert.Equal(bearers.Order(), (await index.GetEntriesAsync()).Select(e => e.DocumentKey).Order());

        // A court's correction gives the first bearer a second name: her record's entries are replaced in her child.
        var corrected = new PersonNameEntry($"{name}改", bearers[0], "c0");
        await index.ApplyAsync("marriage:c0", [new PersonNameEntry(name, bearers[0], "c0"), corrected]);
        var entries = await index.GetEntriesAsync();
        Assert.Equal(bearers.Count + 1, entries.Count);
        Assert.Contains(corrected, entries);

        var answer = await MarriageClusterFixture.AsUser("clerk-common-name",
            () => fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, bearers.Count + 10));
        Assert.False(answer.Truncated);
        Assert.Equal(bearers.Order(), answer.Persons.Select(p => p.Status.IdNumber).Order());
    }

    /// <summary>A bulk publication (the archive import) that brings a partition past its bound in one call splits it
    /// the same way.</summary>
    [Fact]
    public async Task NameIndex_ABulkPublicationPastTheBound_SplitsThePartition()
    {
        var name = $"批名{TestCodes.NextSerial()}";
        var partition = PersonNameEntry.PartitionKeysOf(name).Last();
        var byRecord = new Dictionary<string, List<PersonNameEntry>>();
        while (byRecord.Count < PartitionSplits.MaxRecords * 2)
        {
            var man = TestPeople.Man();
            var entry = new PersonNameEntry(name, man, $"b{byRecord.Count}");
            if (entry.PartitionKey == partition)
            {
                byRecord[$"marriage:{entry.MarriageId}"] = [entry];
            }
        }

        var index = fixture.Grains.GetGrain<IPersonNameIndexGrain>(partition);
        await index.ApplyManyAsync(byRecord);

        Assert.True((await StoredPartitionAsync(partition))!.Split);
        foreach (var child in PartitionSplits.ChildrenOf(partition))
        {
            Assert.InRange((await StoredPartitionAsync(child))?.ByRecord.Count ?? 0, 0, PartitionSplits.MaxRecords);
        }

        Assert.Equal(byRecord.Values.SelectMany(e => e).Select(e => e.DocumentKey).Order(),
            (await index.GetEntriesAsync()).Select(e => e.DocumentKey).Order());
    }

    private Task<RecordEntriesState<PersonNameEntry>?> StoredPartitionAsync(string key) =>
        fixture.StoredStateAsync<RecordEntriesState<PersonNameEntry>>(StorageNames.PersonNameIndex, key);
}
