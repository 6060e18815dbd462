using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// The place-name aggregate: the rules of one name's lifecycle (Regulations on the Administration of Place Names,
/// 2022: proposed, approved, announced, renamed, abolished; old names kept as history with their dates) over its
/// stored state. No I/O and no Orleans types: <see cref="PlaceNameGrain"/> loads the state, calls a method here,
/// takes claims and writes. Each method either refuses with a <see cref="DomainException"/> naming the rule and
/// changes nothing, or changes the state and appends the event it caused. Not thread-safe (a grain is single-threaded).
/// </summary>
public sealed class PlaceName(PlaceNameState state)
{
    public PlaceNameState State { get; } = state;

    /// <summary>The standard name and its spelling, parsed once: Han characters (and digits) and a spelling the
    /// 1984 rules and GB/T 16159-2012 allow, or a minority-language spelling with its language and reason.</summary>
    public static (string Name, string Romanization) CheckNaming(string? name, string? romanization,
        PlaceCategory category, MinorityLanguageSpelling? minority)
    {
        var trimmed = name?.Trim() ?? "";
        PlaceSpelling.CheckName(trimmed);
        if (!Enum.IsDefined(category))
        {
            throw DomainException.Invalid("place-category", "category", "The category is not one of the eight.");
        }

        var spelling = romanization?.Trim() ?? "";
        PlaceSpelling.CheckSpelling(trimmed, spelling, category, minority);
        return (trimmed, spelling);
    }

    /// <summary>Approval by an authority on a date not after today nor before the proposal.</summary>
    public void Approve(string? authority, DateOnly date, DateOnly today, PlaceNameStamp stamp)
    {
        if (State.Status != PlaceNameStatus.Proposed)
        {
            throw DomainException.Violation("place-name-status", $"Only a proposed name is approved; this one is {Show(State.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(authority))
        {
            throw DomainException.Invalid("field-required", "authority", "'authority' is required.");
        }

        if (date > today)
        {
            throw DomainException.Violation("approval-date-future", $"An approval is recorded once given; {date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        if (date < State.ProposedOn)
        {
            throw DomainException.Violation("approval-date-before-proposal", $"The approval date precedes the proposal ({State.ProposedOn:yyyy-MM-dd}).");
        }

        State.Status = PlaceNameStatus.Approved;
        State.ApprovingAuthority = authority.Trim();
        State.ApprovedOn = date;
        Record(PlaceNameEventKind.Approved, date, null, State.ApprovingAuthority, stamp);
    }

    /// <summary>Announcement (filing and publication) of an approved name, today.</summary>
    public void Announce(DateOnly today, PlaceNameStamp stamp)
    {
        if (State.Status != PlaceNameStatus.Approved)
        {
            throw DomainException.Violation("place-name-not-approved", $"Only an approved name is announced; this one is {Show(State.Status)}.");
        }

        State.Status = PlaceNameStatus.Announced;
        State.AnnouncedOn = today;
        Record(PlaceNameEventKind.Announced, today, null, null, stamp);
    }

    /// <summary>Checks a rename of an approved or announced name before its claims are taken; returns the reason.</summary>
    public string CheckRename(string name, string romanization, DateOnly effective, string? reason, DateOnly today)
    {
        if (State.Status is not (PlaceNameStatus.Approved or PlaceNameStatus.Announced))
        {
            throw DomainException.Violation("place-name-status", $"Only an approved or announced name is renamed; this one is {Show(State.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("field-required", "reason", "'reason' is required.");
        }

        if (name == State.Name && romanization == State.Romanization)
        {
            throw DomainException.Violation("place-name-unchanged", "The new name and spelling equal the current ones.");
        }

        if (effective > today || (State.Names[^1].ValidFrom is { } from && effective <= from) || effective < State.ProposedOn)
        {
            throw DomainException.Violation("rename-effective-date",
                "A rename is recorded once in force: its date is not after today and after the current name's start and the proposal.");
        }

        return reason.Trim();
    }

    /// <summary>Applies a checked rename: the current name closes the day before <paramref name="effective"/> and
    /// stays as history; the new one is current from that date.</summary>
    public void Rename(string name, string romanization, string? language, DateOnly effective, string reason,
        IReadOnlyList<string> claimKeys, DateOnly today, string? spellingNote, PlaceNameStamp stamp)
    {
        var previous = $"{State.Name} ({State.Romanization})";
        State.Names[^1] = State.Names[^1] with { ValidTo = effective };
        State.Names.Add(new PlaceNamePeriod(name, romanization, effective, null));
        State.Name = name;
        State.Romanization = romanization;
        State.RomanizationLanguage = language;
        State.ClaimKeys = claimKeys.ToList();
        if (State.Status == PlaceNameStatus.Announced)
        {
            State.AnnouncedOn = today;
        }

        Record(PlaceNameEventKind.Renamed, effective, reason, $"{previous} -> {name} ({romanization}{spellingNote})", stamp);
    }

    /// <summary>Abolition on a date (today when absent) not after today nor before the current name's start;
    /// returns the duplicate-check keys the record gives up.</summary>
    public IReadOnlyList<string> Abolish(string? reason, DateOnly? date, DateOnly today, PlaceNameStamp stamp)
    {
        if (State.Status == PlaceNameStatus.Abolished)
        {
            throw DomainException.Violation("place-name-status", "The name is already abolished.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("field-required", "reason", "'reason' is required.");
        }

        var effective = date ?? today;
        if (effective > today || effective < State.ProposedOn || (State.Names[^1].ValidFrom is { } from && effective <= from))
        {
            throw DomainException.Violation("abolition-effective-date",
                "An abolition is recorded once in force: its date is not after today nor before the current name's start.");
        }

        var keys = State.ClaimKeys.ToList();
        State.Status = PlaceNameStatus.Abolished;
        State.AbolishedOn = effective;
        State.Names[^1] = State.Names[^1] with { ValidTo = effective };
        State.ClaimKeys = [];
        Record(PlaceNameEventKind.Abolished, effective, reason.Trim(), null, stamp);
        return keys;
    }

    /// <summary>Refusal of a proposal with reasons, on a date not after today nor before the proposal; returns the
    /// duplicate-check keys the record gives up (the name may be proposed again).</summary>
    public IReadOnlyList<string> Reject(string? reasons, DateOnly? date, DateOnly today, PlaceNameStamp stamp)
    {
        if (State.Status != PlaceNameStatus.Proposed)
        {
            throw DomainException.Violation("place-name-status", $"Only a proposed name is rejected; this one is {Show(State.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reasons))
        {
            throw DomainException.Invalid("field-required", "reasons", "A rejection gives its reasons.");
        }

        var decided = date ?? today;
        if (decided > today || decided < State.ProposedOn)
        {
            throw DomainException.Violation("rejection-date",
                $"A rejection is recorded once decided: its date is not after today nor before the proposal ({State.ProposedOn:yyyy-MM-dd}).");
        }

        var keys = State.ClaimKeys.ToList();
        State.Status = PlaceNameStatus.Rejected;
        State.ClaimKeys = [];
        Record(PlaceNameEventKind.Rejected, decided, reasons.Trim(), null, stamp);
        return keys;
    }

    /// <summary>Appends an event to the record's history (the one history: who, when, what, why).</summary>
    public void Record(PlaceNameEventKind kind, DateOnly date, string? reason, string? detail, PlaceNameStamp stamp) =>
        State.Events.Add(new PlaceNameEvent(State.Events.Count + 1, kind, date, stamp.At, stamp.Actor, reason, detail));

    public static string Show(PlaceNameStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>When and by whom a change is recorded.</summary>
public readonly record struct PlaceNameStamp(DateTimeOffset At, string Actor);
