using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Registry.Storage.Sqlite;

/// <summary>
/// Group commit for one SQLite database: every write of the process goes through a single writer that runs all writes
/// waiting at that moment in one transaction, each inside its own savepoint, and commits once. One fsync then makes a
/// whole group durable, so many concurrent grains share its cost. A write whose work throws is rolled back to its
/// savepoint alone (the others in the group still commit); if the commit itself fails, every write in the group fails.
/// A caller's task completes only after the commit that contains its write. The writer keeps its connection (and so
/// its prepared statements) open between groups, and opens a new one after a failed group.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private const int MaxGroupSize = 512;

    private readonly Func<SqliteConnection> open;
    private readonly Action<SqliteConnection>? afterCommit;
    private readonly Channel<IPendingWrite> pending = Channel.CreateUnbounded<IPendingWrite>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;
    private SqliteConnection? connection;

    /// <param name="open">Opens the writer's connection.</param>
    /// <param name="afterCommit">Run on the writer's connection after each committed group, its callers released
    /// (upkeep such as checkpoints); what it throws is ignored.</param>
    public SqliteWriteQueue(Func<SqliteConnection> open, Action<SqliteConnection>? afterCommit = null)
    {
        this.open = open;
        this.afterCommit = afterCommit;
        writer = Task.Factory.StartNew(WriteLoopAsync, CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();
    }

    private interface IPendingWrite
    {
        CancellationToken CancellationToken { get; }

        void Run(SqliteConnection connection, SqliteTransaction transaction);

        void Fail(Exception error);

        void Complete();
    }

    public Task<T> EnqueueAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work,
        CancellationToken cancellationToken)
    {
        var write = new PendingWrite<T>(work, cancellationToken);
        if (!pending.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteWriteQueue));
        }

        return write.Task;
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await writer;
        connection?.Dispose();
        connection = null;
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<IPendingWrite>(MaxGroupSize);
        while (await pending.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxGroupSize && pending.Reader.TryRead(out var write))
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Fail(new OperationCanceledException(write.CancellationToken));
                }
                else
                {
                    group.Add(write);
                }
            }

            if (group.Count > 0)
            {
                CommitGroup(group);
                group.Clear();
            }
        }
    }

    private void CommitGroup(List<IPendingWrite> group)
    {
        var succeeded = new List<IPendingWrite>(group.Count);
        try
        {
            connection ??= open();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var write in group)
            {
                // The savepoint statements are the connection's prepared ones: SqliteTransaction.Save and Release
                // build, prepare and drop a new command each time, twice for every write.
                SqliteGrainStateStore.Statement(connection, transaction, "SAVEPOINT w").ExecuteNonQuery();
                try
                {
                    write.Run(connection, transaction);
                    SqliteGrainStateStore.Statement(connection, transaction, "RELEASE w").ExecuteNonQuery();
                    succeeded.Add(write);
                }
                catch (Exception error)
                {
                    transaction.Rollback("w");
                    transaction.Release("w");
                    write.Fail(error);
                }
            }

            transaction.Commit();
        }
        catch (Exception error)
        {
            // A connection whose commit failed is not trusted with the next group.
            connection?.Dispose();
            connection = null;

            // Nothing of this group is on disk: no write in it may be reported as done.
            foreach (var write in succeeded)
            {
                write.Fail(error);
            }

            foreach (var write in group.Except(succeeded))
            {
                write.Fail(error); // no effect on those already failed
            }

            return;
        }

        foreach (var write in succeeded)
        {
            write.Complete();
        }

        try
        {
            afterCommit?.Invoke(connection);
        }
        catch (SqliteException)
        {
            // Upkeep only: the next group's writes do not depend on it.
        }
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work,
        CancellationToken cancellationToken) : IPendingWrite
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T result = default!;

        public Task<T> Task => completion.Task;

        public CancellationToken CancellationToken => cancellationToken;

        public void Run(SqliteConnection connection, SqliteTransaction transaction) =>
            result = work(connection, transaction);

        public void Fail(Exception error)
        {
            if (error is OperationCanceledException canceled && canceled.CancellationToken == cancellationToken)
            {
                completion.TrySetCanceled(cancellationToken);
            }
            else
            {
                completion.TrySetException(error);
            }
        }

        public void Complete() => completion.TrySetResult(result);
    }
}
