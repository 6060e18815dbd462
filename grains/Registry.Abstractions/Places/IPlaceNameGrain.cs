using Orleans.Concurrency;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Places;

/// <summary>
/// One place name, keyed by its generated id (32 lower-case hex digits) or, for an external reference name,
/// <c>{source}-{source id}</c>. Every change is kept in the history with who, when and why; old names stay as
/// historical names. Commands are not idempotent: a repeat is refused by the rule it breaks. Unknown ids answer
/// <c>place-name-not-found</c>.
/// </summary>
[Alias("Registry.Places.IPlaceNameGrain")]
public interface IPlaceNameGrain : IGrainWithStringKey, IPublishingGrain
{
    /// <summary>Records a proposal after checking characters, spelling, category, division, geometry and duplicates.</summary>
    Task<PlaceNameDetails> ProposeAsync(ProposePlaceName command);

    [ReadOnly]
    Task<PlaceNameDetails> GetAsync();

    /// <summary>Enters a name already in force with status <see cref="PlaceNameStatus.Recorded"/>: characters,
    /// spelling, division and geometry are checked as for a proposal, but a duplicate or homophone of a current name is
    /// flagged, not refused. Idempotent: the same particulars again answer <see cref="PlaceNameRecordOutcome.AlreadyStored"/>;
    /// other particulars under the same id are refused (<c>place-name-exists</c>).</summary>
    Task<PlaceNameRecordOutcome> RecordAsync(RecordPlaceName command);

    /// <summary>Every recorded event, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PlaceNameEvent>> GetHistoryAsync();

    Task<PlaceNameDetails> ApproveAsync(ApprovePlaceName command);

    /// <summary>Files and publishes an approved name today.</summary>
    Task<PlaceNameDetails> AnnounceAsync();

    /// <summary>Proposes a rename (checked like a new name, its keys claimed now); the name in force changes only
    /// once the rename is approved and its effective date comes. Answers the record with the new change last.</summary>
    Task<PlaceNameDetails> ProposeRenameAsync(RenamePlaceName command);

    /// <summary>Proposes an abolition; the name stays in force until it is approved and its effective date comes.</summary>
    Task<PlaceNameDetails> ProposeAbolitionAsync(AbolishPlaceName command);

    /// <summary>Records the approval of proposed change <paramref name="number"/> (from 1).</summary>
    Task<PlaceNameDetails> ApproveChangeAsync(int number, ApprovePlaceName command);

    /// <summary>Files and publishes approved change <paramref name="number"/> today.</summary>
    Task<PlaceNameDetails> AnnounceChangeAsync(int number);

    /// <summary>Refuses proposed change <paramref name="number"/> with reasons; a rename's keys are given back.</summary>
    Task<PlaceNameDetails> RejectChangeAsync(int number, RejectPlaceName command);

    /// <summary>Refuses a proposed name with reasons; its duplicate-check keys are given back and the record stays
    /// as history with status rejected. Not idempotent: a second call is refused (place-name-status).</summary>
    Task<PlaceNameDetails> RejectAsync(RejectPlaceName command);

    /// <summary>Notes that house-number block <paramref name="block"/> (see <see cref="IHouseNumberBlockGrain"/>) holds
    /// numbers, so the street's numbers can be listed block by block. Idempotent.</summary>
    Task NoteHouseNumberBlockAsync(int block);

    /// <summary>How many house-number blocks the street has (the highest block noted + 1).</summary>
    [ReadOnly]
    Task<int> HouseNumberBlocksAsync();

    /// <summary>Records a sign or plate along this street: checks it, gives out the next serial and records the sign
    /// in its own grain (<see cref="IPlaceSignGrain"/>). Not idempotent.</summary>
    Task<PlaceSignDetails> SetSignAsync(SetPlaceSign command);

    /// <summary>How many sign serials this place has given out (signs are numbered 1..count).</summary>
    [ReadOnly]
    Task<int> SignCountAsync();

    /// <summary>Whether this record holds, or is claiming right now, the claim key (see
    /// <see cref="IPlaceNameClaimGrain"/>).</summary>
    [AlwaysInterleave]
    Task<bool> HoldsClaimAsync(string claimKey);

    /// <summary>This record's search entry as of today, for an index partition that holds an entry past its
    /// <see cref="PlaceNameIndexEntry.RefreshOn"/> day; null for an id never used. Interleaves, as the partition may
    /// be asked while this record is publishing to it.</summary>
    [AlwaysInterleave]
    Task<PlaceNameIndexEntry?> IndexEntryAsync();
}
