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

    [Fact(Timeout = 90_000)]
    public async Task ImportAsync_OnceStoredAndPublished_LetsTheRecordAndItsNameClaimGo_AndTheRecordReadsBack()
    {
        var rows = Enumerable.Range(0, 24).Select(_ => Row()).ToList();

        foreach (var row in rows)
        {
            Assert.Equal(ImportOutcome.Imported,
                await fixture.Grains.GetGrain<IOrganizationGrain>(row.Uscc).ImportAsync(row));
        }

        var records = rows.Select(r => GrainId.Create(StorageNames.OrganizationGrainType, r.Uscc));
        var claims = rows.Select(r => GrainId.Create(StorageNames.OrganizationNameGrainType,
            OrganizationNames.ClaimKey(r.RegisteringOffice, r.Name)));
        var released = records.Concat(claims).ToHashSet();

        // Without a release they would stay for their collection age (2 and 5 minutes): the timeout fails the test first.
        await fixture.Deactivations.AllDeactivatedAsync(released).WaitAsync(Ct);

        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.DoesNotContain(statistics, s => released.Contains(s.GrainId));
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
}
