using Microsoft.Extensions.DependencyInjection;

namespace Registry.Storage.Sqlite;

/// <summary>Registers Orleans reminders backed by the embedded SQLite database.</summary>
public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>
    /// Durable reminders for a single silo: the table lives in the database of the registered
    /// <see cref="SqliteGrainStateStore"/> (call <c>AddSqliteGrainStateStore</c> too).
    /// </summary>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder)
    {
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(sp =>
            new SqliteReminderTable(sp.GetRequiredService<SqliteGrainStateStore>()));
        return builder;
    }
}
