using Orleans.Runtime;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using Registry.Grains.Tests.Divisions;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// An import of the existing register enters hundreds of thousands of records in a row, each once: neither a record's
/// activation nor its name claim's may stay in memory after it is stored and published (issue 12's memory bound
/// while the national register loads).
/// </summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class OrganizationImportActivationTests(OrganizationClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportAsync_OnceStoredAndPublished_LetsTheRecordAndItsNameClaimGo_AndTheRecordReadsBack()
    {
        var rows = Enumerable.Range(0, 24).Select(_ => Row()).ToList();

        foreach (var row in rows)
        {
            Assert.Equal(ImportOutcome.Imported,
                await fixture.Grains.GetGrain<IOrganizationGrain>(row.Uscc).ImportAsync(row));
        }

        var records = rows.Select(r => GrainId.Create(StorageNames.OrganizationGrainType, r.Uscc)).ToHashSet();
        var claims = rows.Select(r => GrainId.Create(StorageNames.OrganizationNameGrainType,
            OrganizationNames.ClaimKey(r.RegisteringOffice, r.Name))).ToHashSet();
        var active = await WaitUntilNoneActiveAsync(records.Concat(claims).ToHashSet());

        Assert.Empty(active);
        var again = await fixture.Grains.GetGrain<IOrganizationGrain>(rows[0].Uscc).GetAsync();
        Assert.Equal((rows[0].Name, OrganizationStatus.Active), (again.Name, again.Status));
        Assert.Equal(ImportOutcome.AlreadyStored,
            await fixture.Grains.GetGrain<IOrganizationGrain>(rows[1].Uscc).ImportAsync(rows[1]));
    }

    private static ImportOrganization Row()
    {
        var office = TestCodes.AnyCounty();
        var serial = TestCodes.NextSerial();
        return new ImportOrganization(TestCodes.Uscc(OrganizationKind.SocialAssociation, office, serial),
            $"社区书画协会{serial}", OrganizationKind.SocialAssociation, office, EditionChanges.Latest.CutOff, "孙八",
            OrganizationStatus.Active, null, $"existing-register.csv line {serial}");
    }

    /// <summary>
    /// The activations among <paramref name="grains"/> still alive once the silo has had the time to deactivate them:
    /// a deactivation runs after the call that asked for it has answered, so there is no event to await. Without a
    /// release they would stay for the collection age (minutes), well past this bound.
    /// </summary>
    private async Task<List<GrainId>> WaitUntilNoneActiveAsync(HashSet<GrainId> grains)
    {
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var statistics = await management.GetDetailedGrainStatistics();
            var active = statistics.Select(s => s.GrainId).Where(grains.Contains).ToList();
            if (active.Count == 0 || DateTime.UtcNow > deadline)
            {
                return active;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        }
    }
}
