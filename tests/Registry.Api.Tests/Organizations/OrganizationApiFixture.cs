namespace Registry.Api.Tests.Organizations;

/// <summary>
/// One API for the organization endpoint tests, its clock moved once at start into the filing window of the
/// previous year's reports (March 1 of the year after the factory's start date) and never moved again.
/// </summary>
public sealed class OrganizationApiFixture : IAsyncLifetime
{
    public OrganizationApi Api { get; private set; } = null!;

    /// <summary>The report year whose window is open while these tests run.</summary>
    public int OpenReportYear => Api.Today.Year - 1;

    public ValueTask InitializeAsync()
    {
        Api = new OrganizationApi();
        Api.AdvanceTo(new DateOnly(Api.Today.Year + 1, 3, 1));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class OrganizationApiCollection : ICollectionFixture<OrganizationApiFixture>
{
    public const string Name = "organization api";
}
