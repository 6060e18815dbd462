using System.Data.Common;
using Azure;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Runtime;
using Registry.Abstractions.Errors;

namespace Registry.Storage;

/// <summary>
/// What the silo has seen of its store refusing writes: a write that failed for want of storage (disk full, I/O error,
/// database unreachable) and none that succeeded since, recently enough to matter. Readiness reports unhealthy while
/// <see cref="IsRefusingWrites"/>; the flag clears by itself on the next stored write or when the window passes (the
/// readiness probe then writes again and sees for itself). Thread-safe singleton.
/// </summary>
public sealed class StorageFaults(TimeProvider time)
{
    /// <summary>How long a refused write keeps readiness unhealthy when no write succeeds after it.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    private long lastFaultTicks;
    private long lastSuccessTicks;

    /// <summary>The last refusal, for health reports; null when none is current.</summary>
    public Exception? LastFault { get; private set; }

    public bool IsRefusingWrites
    {
        get
        {
            var fault = Interlocked.Read(ref lastFaultTicks);
            return fault != 0 && fault > Interlocked.Read(ref lastSuccessTicks)
                && time.GetUtcNow().UtcTicks - fault < Window.Ticks;
        }
    }

    public void Succeeded() => Interlocked.Exchange(ref lastSuccessTicks, time.GetUtcNow().UtcTicks);

    public void Failed(Exception fault)
    {
        LastFault = fault;
        Interlocked.Exchange(ref lastFaultTicks, time.GetUtcNow().UtcTicks);
    }

    /// <summary>
    /// Whether <paramref name="error"/> (or an exception inside it) says the store cannot take writes now, rather than
    /// that the write is wrong: SQLite full, I/O error, read-only, busy or unable to open; PostgreSQL out of resources
    /// (class 53), disconnected (08), shutting down (57P) or failing on the system (58); Azure Table storage
    /// unreachable (no answer), timing out, throttling or failing on its side (408, 429, 5xx); any I/O or HTTP
    /// transport error.
    /// </summary>
    public static bool IsStorageFault(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            var fault = e switch
            {
                SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14,
                PostgresException postgres => postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("58", StringComparison.Ordinal),
                NpgsqlException => true,
                RequestFailedException azure => azure.Status is 0 or 408 or 429 or >= 500,
                HttpRequestException => true,
                DbException => false,
                IOException => true,
                _ => false,
            };
            if (fault)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A write the store refused for want of storage (<see cref="IsStorageFault"/>): recorded in
    /// <paramref name="faults"/> for readiness, and the <paramref name="grain"/> that wrote deactivated once its call
    /// ends, because its in-memory state now holds a change that is not stored and must not be written later as if it
    /// had been. Returns what the caller throws, which the API answers 503.
    /// </summary>
    public static StorageUnavailableException Refuse(StorageFaults? faults, Exception error, IGrainContext? grain)
    {
        faults?.Failed(error);
        grain?.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError,
            "Its state could not be stored."));
        // Only the message crosses the grain boundary: the backend's exception type (SqliteException...) is not one
        // the caller can deserialize.
        return new StorageUnavailableException(
            $"The grain-state store refused the write; nothing was stored: {error.Message}");
    }
}
