using System.Reflection;
using Microsoft.Data.Sqlite;
using Registry.Abstractions.Errors;
using Registry.Hosting;
using Registry.Storage;

namespace Registry.Grains.Tests.Hosting;

/// <summary>
/// A scan or range read that the store cannot serve at the moment (SQLite busy) reaches a read model as
/// <see cref="StorageUnavailableException"/>, which crosses a grain call and becomes a 503: the backend's own exception
/// type cannot be deserialized by the caller and used to end as a 500 (an index rebuild under load).
/// </summary>
public sealed class StoredRecordsFaultTests
{
    [Fact]
    public async Task ScanOfABusyStore_IsStorageUnavailable()
    {
        var records = new StoredRecords(BusyStore.Create());

        var error = await Assert.ThrowsAsync<StorageUnavailableException>(async () =>
        {
            await foreach (var _ in records.ReadAllAsync<object>("placeName"))
            {
            }
        });
        Assert.Contains("placeName", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RangeReadOfABusyStore_IsStorageUnavailable()
    {
        var records = new StoredRecords(BusyStore.Create());

        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            records.ReadPrefixAsync<object>("placeNameIndexPiece", "place-name-index-piece/3."));
    }

    [Fact]
    public async Task ReadOfManyRecordsOfABusyStore_IsStorageUnavailable()
    {
        var records = new StoredRecords(BusyStore.Create());

        await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            records.ReadManyAsync<object>("person", ["person/110101199001011234"]));
    }

    [Fact]
    public async Task AnotherFault_IsNotDisguised()
    {
        var records = new StoredRecords(BusyStore.Create(new SqliteException("no such table: grain_state", 1)));

        await Assert.ThrowsAsync<SqliteException>(() =>
            records.ReadPrefixAsync<object>("placeNameIndexPiece", "place-name-index-piece/3."));
    }

    /// <summary>A store whose scans and range reads fail with <see cref="Fault"/>; nothing else is asked of it.</summary>
    public class BusyStore : DispatchProxy
    {
        private Exception Fault { get; set; } = new SqliteException("database is locked", 5);

        public static IGrainStateStore Create(Exception? fault = null)
        {
            var store = DispatchProxy.Create<IGrainStateStore, BusyStore>();
            if (fault is not null)
            {
                ((BusyStore)(object)store).Fault = fault;
            }

            return store;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IGrainStateStore.ReadAllAsync) => Failing(Fault),
            nameof(IGrainStateStore.ReadPrefixAsync) => Task.FromException<IReadOnlyList<StoredRecord>>(Fault),
            nameof(IGrainStateStore.ReadManyAsync) => Task.FromException<IReadOnlyList<StoredGrainState?>>(Fault),
            _ => throw new NotSupportedException(targetMethod?.Name),
        };

        private static async IAsyncEnumerable<StoredRecord> Failing(Exception fault)
        {
            await Task.Yield();
            throw fault;
#pragma warning disable CS0162 // an iterator needs a yield to be one
            yield break;
#pragma warning restore CS0162
        }
    }
}
