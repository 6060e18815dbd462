using Registry.Storage.AzureTable;

namespace Registry.Storage.Tests.AzureTable;

/// <summary>
/// Callers that ask for the same states together share one listing: each reads every state, in order, through its
/// own buffer; a caller that comes after the first state was handed out gets a listing of its own; a caller that
/// stops does not hold the others up; a failure reaches each. The listing under it is held at its first state until
/// the test lets it go, so who joined is decided, not raced.
/// </summary>
public sealed class SharedStateListingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IReadOnlyList<string> Ids =
        Enumerable.Range(0, 3_000).Select(i => $"organization/{i:D5}").ToList();

    [Fact]
    public async Task List_CallersTogether_ShareOneListingAndEachReadsEveryState()
    {
        var source = new HeldListing(Ids);
        var shared = new SharedStateListing(source);

        var readers = Enumerable.Range(0, 8)
            .Select(_ => shared.ListAsync("organization", "organization/", Ct).ToListAsync(Ct).AsTask()).ToList();
        source.Release();
        var lists = await Task.WhenAll(readers);

        Assert.Equal(1, source.Listings);
        Assert.All(lists, list => Assert.Equal(Ids, list.Select(s => s.GrainId)));
    }

    [Fact]
    public async Task List_CallerAfterTheFirstHandOut_GetsAListingOfItsOwn()
    {
        var source = new HeldListing(Ids);
        var shared = new SharedStateListing(source);
        await using var first = shared.ListAsync("organization", "organization/", Ct).GetAsyncEnumerator(Ct);
        var moved = first.MoveNextAsync();
        source.Release();
        Assert.True(await moved);

        var late = await shared.ListAsync("organization", "organization/", Ct).ToListAsync(Ct);
        var rest = new List<string> { first.Current.GrainId };
        while (await first.MoveNextAsync())
        {
            rest.Add(first.Current.GrainId);
        }

        Assert.Equal(2, source.Listings);
        Assert.Equal(Ids, late.Select(s => s.GrainId));
        Assert.Equal(Ids, rest);
    }

    [Fact]
    public async Task List_OneCallerStopsEarly_TheOthersReadToTheEnd()
    {
        var source = new HeldListing(Ids);
        var shared = new SharedStateListing(source);

        var stopping = shared.ListAsync("organization", "organization/", Ct).Take(3).ToListAsync(Ct).AsTask();
        var reading = shared.ListAsync("organization", "organization/", Ct).ToListAsync(Ct).AsTask();
        source.Release();

        Assert.Equal(Ids.Take(3), (await stopping).Select(s => s.GrainId));
        Assert.Equal(Ids, (await reading).Select(s => s.GrainId));
        Assert.Equal(1, source.Listings);
    }

    [Fact]
    public async Task List_ListingFails_EveryCallerSeesTheFailure()
    {
        var source = new HeldListing(Ids, failAfter: 1_500);
        var shared = new SharedStateListing(source);

        var readers = Enumerable.Range(0, 3)
            .Select(_ => shared.ListAsync("organization", "organization/", Ct).ToListAsync(Ct).AsTask()).ToList();
        source.Release();

        foreach (var reader in readers)
        {
            var error = await Assert.ThrowsAsync<IOException>(() => reader);
            Assert.Equal("the table went away", error.Message);
        }
    }

    /// <summary>Lists the given ids, held before the first until <see cref="Release"/>; counts its listings.</summary>
    private sealed class HeldListing(IReadOnlyList<string> ids, int? failAfter = null) : IStateListing
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int listings;

        public int Listings => Volatile.Read(ref listings);

        public void Release() => released.TrySetResult();

        public async IAsyncEnumerable<ListedGrainState> ListAsync(string stateName, string grainIdPrefix,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref listings);
            await released.Task.WaitAsync(cancellationToken);
            for (var i = 0; i < ids.Count; i++)
            {
                if (i == failAfter)
                {
                    throw new IOException("the table went away");
                }

                yield return new ListedGrainState(ids[i], "etag", "{}"u8.ToArray());
            }
        }
    }
}
