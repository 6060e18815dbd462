using Registry.Abstractions.Text;

namespace Registry.Abstractions.Marriages;

/// <summary>
/// One entry of an office's register for a day (see <see cref="IOfficeRegisterGrain"/>): what happened
/// (<see cref="Kind"/>) to which marriage record, under which certificate number or application id
/// (<see cref="Reference"/>), on <see cref="Date"/> at <see cref="Office"/>, with both parties' document keys. A
/// <see cref="OfficeDayEntryKind.DivorceApplicationDue"/> entry carries the application's periods and whether it is
/// still open; its date is the day its window to appear opens.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.OfficeDayEntry")]
public sealed record OfficeDayEntry(
    [property: Id(0)] OfficeDayEntryKind Kind,
    [property: Id(1)] string Office,
    [property: Id(2)] DateOnly Date,
    [property: Id(3)] string MarriageId,
    [property: Id(4)] string Reference,
    [property: Id(5)] string PartyAIdNumber,
    [property: Id(6)] string PartyBIdNumber)
{
    [Id(7)]
    public DateOnly? CoolingOffEnds { get; init; }

    [Id(8)]
    public DateOnly? LastDayToAppear { get; init; }

    /// <summary>For an application: not withdrawn, registered, lapsed or cancelled when last published.</summary>
    [Id(9)]
    public bool Open { get; init; }

    /// <summary>How many partitions one office's day is split into, by record. A write rewrites only its record's
    /// partition, so a busy office's day (hundreds of registrations on a popular date) is never rewritten whole on
    /// each registration; a read asks them all.</summary>
    public const int PartitionsPerDay = 8;

    /// <summary>The partition of the register this entry belongs to: <c>{office}/{yyyy-MM-dd}/{n}</c>, n chosen by
    /// its marriage record.</summary>
    /// <remarks>Computed, so not stored: a stored partition held it once per entry (states written before keep it,
    /// and it is ignored when they are read).</remarks>
    [System.Text.Json.Serialization.JsonIgnore]
    public string PartitionKey => KeyOf(Office, Date, PartitionOf(MarriageId));

    /// <summary>How many days before a date a window that is open on it can have opened: the 30 days of Civil Code
    /// art. 1077 and a last day moved past the longest run of public holidays.</summary>
    public const int MaxWindowDays = 45;

    /// <summary>True for an open application whose cooling-off has ended by <paramref name="date"/> and whose last
    /// day to appear is not before it: both parties are due to appear.</summary>
    public bool IsDueOn(DateOnly date) =>
        Kind == OfficeDayEntryKind.DivorceApplicationDue && Open && CoolingOffEnds < date && date <= LastDayToAppear;

    /// <summary>The partitions of <paramref name="office"/> whose applications may be due on
    /// <paramref name="date"/>: the days their windows may have opened.</summary>
    public static IEnumerable<string> DuePartitionKeys(string office, DateOnly date) =>
        Enumerable.Range(0, MaxWindowDays + 1).SelectMany(back => PartitionKeysOf(office, date.AddDays(-back)));

    /// <summary>Every partition of <paramref name="office"/>'s register for <paramref name="date"/>.</summary>
    public static IEnumerable<string> PartitionKeysOf(string office, DateOnly date) =>
        Enumerable.Range(0, PartitionsPerDay).Select(n => KeyOf(office, date, n));

    public static string KeyOf(string office, DateOnly date, int partition) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{office}/{date:yyyy-MM-dd}/{partition}");

    /// <summary>The partition of a record's entries: a hash of its id that is the same in every process.</summary>
    public static int PartitionOf(string marriageId) => PartitionHash.Partition(marriageId, PartitionsPerDay);
}
