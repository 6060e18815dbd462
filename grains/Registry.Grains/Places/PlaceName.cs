using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Text;

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

    /// <summary>
    /// A name in force entered from existing records (status <see cref="PlaceNameStatus.Recorded"/>), as written: a
    /// name with characters outside the standard a proposal must meet (parentheses, 、, Latin letters, rare characters)
    /// is recorded and flagged with their classes (<see cref="PlaceNameState.CharacterFlags"/>,
    /// <see cref="PlaceSpelling.CheckNameInForce"/>), not refused; its spelling is the one given, kept as given, else
    /// <see cref="PlaceSpelling.SuggestInForce"/>. A standard name: the spelling checked when given, else the likely
    /// spelling of the rules recorded;
    /// the approval as the records give it (authority and date both or neither, the date not after today); the
    /// geometry optional. Its claim keys are those of <paramref name="scope"/>; duplicates are flagged by the caller
    /// (<see cref="Flag"/>), never refused. The day it entered is the proposal day when no approval date is known.
    /// </summary>
    public static PlaceName RecordInForce(string id, RecordPlaceName command, string scope, string locationDescription,
        DateOnly today, PlaceNameStamp stamp) =>
        RecordInForce(id, command, [scope], locationDescription, today, stamp);

    /// <summary>A name in force whose keys are claimed in several scopes (<see cref="DuplicateScope.Scopes"/>).</summary>
    public static PlaceName RecordInForce(string id, RecordPlaceName command, IReadOnlyList<string> scopes,
        string locationDescription, DateOnly today, PlaceNameStamp stamp)
    {
        var name = command.Name?.Trim() ?? "";
        var outside = PlaceSpelling.CheckNameInForce(name);
        if (!Enum.IsDefined(command.Category))
        {
            throw DomainException.Invalid("place-category", "category", "The category is not one of the eight.");
        }

        var given = string.IsNullOrWhiteSpace(command.Romanization) ? null : command.Romanization.Trim();
        string romanization;
        var spellingComplete = true;
        if (outside.Count == 0)
        {
            romanization = given ?? PlaceSpelling.Suggest(name, command.Category).Romanization;
            PlaceSpelling.CheckSpelling(name, romanization, command.Category);
        }
        else if (given is not null)
        {
            // The rules spell standard names only: the spelling the records give such a name is kept as given.
            romanization = given;
        }
        else
        {
            (romanization, spellingComplete) = PlaceSpelling.SuggestInForce(name, command.Category);
        }
        var authority = string.IsNullOrWhiteSpace(command.ApprovingAuthority) ? null : command.ApprovingAuthority.Trim();
        if ((authority is null) != (command.ApprovedOn is null))
        {
            throw DomainException.Invalid("approval-incomplete", authority is null ? "approvingAuthority" : "approvedOn",
                "A recorded approval names both the approving authority and the date, or neither.");
        }

        if (command.ApprovedOn > today)
        {
            throw DomainException.Violation("approval-date-future",
                $"A name in force was approved already; {command.ApprovedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        if (string.IsNullOrWhiteSpace(command.Source))
        {
            throw DomainException.Invalid("field-required", "source", "A recorded name names its source.");
        }

        var geometry = command.Geometry is { Length: > 0 } wkb ? PlaceGeometry.Write(PlaceGeometry.Read(wkb)) : [];
        var place = new PlaceName(new PlaceNameState
        {
            Id = id,
            Name = name,
            Romanization = romanization,
            Category = command.Category,
            DivisionCode = command.DivisionCode,
            Geometry = geometry,
            LocationDescription = locationDescription,
            Status = PlaceNameStatus.Recorded,
            ApprovingAuthority = authority,
            ApprovedOn = command.ApprovedOn,
            ProposedOn = command.ApprovedOn ?? today,
            Names = [new PlaceNamePeriod(name, romanization, null, null)],
            ClaimKeys = DuplicateScope.ClaimKeys(scopes, command.Category, name, romanization, spellingComplete).ToList(),
            CharacterFlags = outside.Select(c => c.Class).ToList(),
        });
        place.Record(PlaceNameEventKind.Recorded, today, command.Source.Trim(),
            $"{name} ({romanization}), scope {string.Join(", ", scopes)}" + (authority is null ? "" : $", approved by {authority} on {command.ApprovedOn:yyyy-MM-dd}")
            + (outside.Count == 0 ? "" : $"; flagged {NameCharacters.Flag}: {NameCharacters.Describe(outside)}"
                                         + (spellingComplete ? "" : " (spelling incomplete: a character has no known reading)")),
            stamp);
        return place;
    }

    /// <summary>The record id of a name in force entered from a file: 32 hex digits of the SHA-256 of its particulars
    /// (division, category, name, approval, geometry; not its source line), so a re-run, or another file naming the
    /// same name, finds the same record.</summary>
    public static string RecordedId(RecordPlaceName command)
    {
        var text = string.Join('\u001f', "recorded", command.DivisionCode, command.Category.ToString(), command.Name.Trim(),
            command.ApprovingAuthority?.Trim() ?? "",
            command.ApprovedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            command.Geometry is null ? "" : Convert.ToHexString(command.Geometry));
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>The record id of a name of the official statistical lists: <c>stats-</c> and its statistical code
    /// (9 digits for a township, 12 for a village-level seat), so every listed name is one record.</summary>
    public static string StockId(string statisticalCode) => "stats-" + statisticalCode;

    /// <summary>Whether <paramref name="command"/> records this same name (a re-run of an import): same name,
    /// category, division, approval and geometry, and the spelling given equal to the one recorded.</summary>
    public bool Records(RecordPlaceName command) =>
        State.Events.FirstOrDefault()?.Kind == PlaceNameEventKind.Recorded
              && State.Name == command.Name.Trim() && State.Category == command.Category
              && State.DivisionCode == command.DivisionCode && State.ApprovedOn == command.ApprovedOn
              && State.ApprovingAuthority == (string.IsNullOrWhiteSpace(command.ApprovingAuthority) ? null : command.ApprovingAuthority.Trim())
              && (string.IsNullOrWhiteSpace(command.Romanization) || State.Romanization == command.Romanization.Trim())
              && (command.Geometry is not { Length: > 0 } given
                  || State.Geometry.AsSpan().SequenceEqual(PlaceGeometry.Write(PlaceGeometry.Read(given))));

    /// <summary>Gives the record its place-name code (on approval or recording); a code once given never changes.</summary>
    public void AssignCode(string code)
    {
        if (State.Code is not null)
        {
            return;
        }

        State.Code = code;
        State.Events[^1] = State.Events[^1] with { Detail = (State.Events[^1].Detail is { } d ? d + "; " : "") + $"code {code}" };
    }

    /// <summary>Notes, on a recorded name, the current names it duplicates or sounds the same as.</summary>
    public void Flag(IReadOnlyList<string> conflicts)
    {
        State.Flags = conflicts.Distinct(StringComparer.Ordinal).ToList();
        if (State.Flags.Count > 0)
        {
            State.Events[^1] = State.Events[^1] with
            {
                Detail = State.Events[^1].Detail + "; flagged: duplicates or sounds like " + string.Join("; ", State.Flags),
            };
        }
    }

    public const int MaxAliases = 10;

    /// <summary>Aliases (别名, 俗称): each Han characters like a name (<see cref="PlaceSpelling.CheckName"/>), at most
    /// <see cref="MaxAliases"/>, none repeated nor equal to the standard name; trimmed.</summary>
    public static IReadOnlyList<string> CheckAliases(IReadOnlyList<string>? aliases, string name)
    {
        var trimmed = (aliases ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (trimmed.Count > MaxAliases)
        {
            throw DomainException.Invalid("place-name-alias", "aliases", $"A place has at most {MaxAliases} aliases.");
        }

        foreach (var alias in trimmed)
        {
            PlaceSpelling.CheckName(alias, "aliases");
        }

        if (trimmed.Distinct().Count() != trimmed.Count || trimmed.Contains(name))
        {
            throw DomainException.Invalid("place-name-alias", "aliases", "An alias is given once and differs from the standard name.");
        }

        return trimmed;
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

    /// <summary>The name borne on <paramref name="date"/>: the last approved name whose period has begun.</summary>
    public PlaceNamePeriod NameOn(DateOnly date) =>
        State.Names.LastOrDefault(n => n.ValidFrom is null || n.ValidFrom <= date) ?? State.Names[0];

    /// <summary>The status on <paramref name="date"/>: abolished from an approved abolition's effective date.</summary>
    public PlaceNameStatus StatusOn(DateOnly date) =>
        State.Status == PlaceNameStatus.Abolished || State.AbolishedOn <= date ? PlaceNameStatus.Abolished : State.Status;

    /// <summary>The minority language of the spelling in force on <paramref name="date"/> (null: Hanyu Pinyin).</summary>
    public string? LanguageOn(DateOnly date) =>
        State.Changes.Where(c => c.Kind == PlaceNameChangeKind.Rename && c.InForceOn(date))
            .OrderBy(c => c.EffectiveDate).LastOrDefault() is { } rename
            ? rename.RomanizationLanguage
            : State.RomanizationLanguage;

    /// <summary>
    /// The duplicate-check keys this record holds on <paramref name="date"/>: those of the name in force (none once
    /// abolished or rejected) and those of a rename not yet decided or not yet in effect. Computed, so a rename or
    /// abolition that takes effect later frees the old keys on its day without any job: a claim grain asks the
    /// record (<see cref="IPlaceNameGrain.HoldsClaimAsync"/>) before honouring a claim.
    /// </summary>
    public IReadOnlyList<string> ClaimKeysOn(DateOnly date)
    {
        if (StatusOn(date) is PlaceNameStatus.Abolished or PlaceNameStatus.Rejected)
        {
            return [];
        }

        var inForce = State.Changes.Where(c => c.Kind == PlaceNameChangeKind.Rename && c.InForceOn(date))
            .OrderBy(c => c.EffectiveDate).LastOrDefault()?.ClaimKeys ?? State.ClaimKeys;
        return inForce.Concat(State.Changes.Where(c => c.Kind == PlaceNameChangeKind.Rename && c.PendingOn(date))
            .SelectMany(c => c.ClaimKeys)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Checks a proposed rename before its claims are taken; returns the reason. The name must be approved or
    /// announced and have no other change pending; the effective date (past, today or future) must fall after the
    /// start of the name in force and not before the name's approval.
    /// </summary>
    public string CheckRename(string name, string romanization, DateOnly effective, string? reason, DateOnly today)
    {
        var reasonText = CheckChange(reason, effective, today, "rename-effective-date");
        var current = NameOn(today);
        if (name == current.Name && romanization == current.Romanization)
        {
            throw DomainException.Violation("place-name-unchanged", "The new name and spelling equal those in force.");
        }

        return reasonText;
    }

    /// <summary>Records a checked rename as proposed, holding the new name's duplicate-check keys; the name in
    /// force does not change until the rename is approved and its effective date comes. Returns its number.</summary>
    public int ProposeRename(string name, string romanization, string? language, DateOnly effective, string reason,
        IReadOnlyList<string> claimKeys, DateOnly today, string? spellingNote, PlaceNameStamp stamp)
    {
        var change = AddChange(PlaceNameChangeKind.Rename, effective, reason, today);
        change.Name = name;
        change.Romanization = romanization;
        change.RomanizationLanguage = language;
        change.ClaimKeys = claimKeys.ToList();
        var current = NameOn(today);
        Record(PlaceNameEventKind.RenameProposed, today, reason,
            $"change {change.Number}: {current.Name} ({current.Romanization}) -> {name} ({romanization}{spellingNote}) from {effective:yyyy-MM-dd}", stamp);
        return change.Number;
    }

    /// <summary>Records a proposed abolition from <paramref name="date"/> (today when absent); the name stays in
    /// force until the abolition is approved and its effective date comes. Returns its number.</summary>
    public int ProposeAbolition(string? reason, DateOnly? date, DateOnly today, PlaceNameStamp stamp)
    {
        var effective = date ?? today;
        var reasonText = CheckChange(reason, effective, today, "abolition-effective-date");
        var change = AddChange(PlaceNameChangeKind.Abolition, effective, reasonText, today);
        Record(PlaceNameEventKind.AbolitionProposed, today, reasonText, $"change {change.Number}: from {effective:yyyy-MM-dd}", stamp);
        return change.Number;
    }

    /// <summary>
    /// Approval of a proposed rename or abolition by an authority on a date not after today nor before the
    /// proposal. A rename adds the new name to the names borne from its effective date (the old name's period ends
    /// that day and stays as history); an abolition ends the name on its effective date.
    /// </summary>
    public void ApproveChange(int number, string? authority, DateOnly date, DateOnly today, PlaceNameStamp stamp)
    {
        var change = Change(number);
        if (change.Status != PlaceNameChangeStatus.Proposed)
        {
            throw DomainException.Violation("place-name-change-status",
                $"Only a proposed change is approved; change {number} is {Show(change.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(authority))
        {
            throw DomainException.Invalid("field-required", "authority", "'authority' is required.");
        }

        if (date > today)
        {
            throw DomainException.Violation("approval-date-future", $"An approval is recorded once given; {date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        if (date < change.ProposedOn)
        {
            throw DomainException.Violation("approval-date-before-proposal", $"The approval date precedes the proposal of change {number} ({change.ProposedOn:yyyy-MM-dd}).");
        }

        change.Status = PlaceNameChangeStatus.Approved;
        change.ApprovingAuthority = authority.Trim();
        change.ApprovedOn = date;
        var previous = State.Names[^1];
        State.Names[^1] = previous with { ValidTo = change.EffectiveDate };
        if (change.Kind == PlaceNameChangeKind.Rename)
        {
            State.Names.Add(new PlaceNamePeriod(change.Name!, change.Romanization!, change.EffectiveDate, null));
            Record(PlaceNameEventKind.Renamed, change.EffectiveDate, change.Reason,
                $"change {number} approved by {change.ApprovingAuthority} on {date:yyyy-MM-dd}: {previous.Name} ({previous.Romanization}) -> {change.Name} ({change.Romanization})", stamp);
        }
        else
        {
            State.AbolishedOn = change.EffectiveDate;
            Record(PlaceNameEventKind.Abolished, change.EffectiveDate, change.Reason,
                $"change {number} approved by {change.ApprovingAuthority} on {date:yyyy-MM-dd}", stamp);
        }
    }

    /// <summary>Announcement (filing and publication) of an approved change, today.</summary>
    public void AnnounceChange(int number, DateOnly today, PlaceNameStamp stamp)
    {
        var change = Change(number);
        if (change.Status != PlaceNameChangeStatus.Approved)
        {
            throw DomainException.Violation("place-name-change-not-approved",
                $"Only an approved change is announced; change {number} is {Show(change.Status)}.");
        }

        change.Status = PlaceNameChangeStatus.Announced;
        change.AnnouncedOn = today;
        Record(PlaceNameEventKind.ChangeAnnounced, today, null, $"change {number}", stamp);
    }

    /// <summary>Refusal of a proposed change with reasons, on a date not after today nor before its proposal;
    /// returns the duplicate-check keys a refused rename gives back.</summary>
    public IReadOnlyList<string> RejectChange(int number, string? reasons, DateOnly? date, DateOnly today, PlaceNameStamp stamp)
    {
        var change = Change(number);
        if (change.Status != PlaceNameChangeStatus.Proposed)
        {
            throw DomainException.Violation("place-name-change-status",
                $"Only a proposed change is rejected; change {number} is {Show(change.Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reasons))
        {
            throw DomainException.Invalid("field-required", "reasons", "A rejection gives its reasons.");
        }

        var decided = date ?? today;
        if (decided > today || decided < change.ProposedOn)
        {
            throw DomainException.Violation("rejection-date",
                $"A rejection is recorded once decided: its date is not after today nor before the proposal ({change.ProposedOn:yyyy-MM-dd}).");
        }

        change.Status = PlaceNameChangeStatus.Rejected;
        change.RejectedOn = decided;
        change.RejectionReasons = reasons.Trim();
        var released = change.ClaimKeys;
        change.ClaimKeys = [];
        Record(PlaceNameEventKind.ChangeRejected, decided, change.RejectionReasons, $"change {number}", stamp);
        var kept = ClaimKeysOn(today);
        return released.Where(k => !kept.Contains(k)).ToList();
    }

    /// <summary>The first day after <paramref name="today"/> on which an approved change takes effect (the day a
    /// view of the record computed today goes out of date), or null.</summary>
    public DateOnly? NextChangeAfter(DateOnly today) =>
        State.Changes.Where(c => c.Status is PlaceNameChangeStatus.Approved or PlaceNameChangeStatus.Announced
                                 && c.EffectiveDate > today)
            .Select(c => (DateOnly?)c.EffectiveDate).Min();

    private string CheckChange(string? reason, DateOnly effective, DateOnly today, string dateRule)
    {
        var status = StatusOn(today);
        if (status is not (PlaceNameStatus.Approved or PlaceNameStatus.Announced or PlaceNameStatus.Recorded))
        {
            throw DomainException.Violation("place-name-status", $"Only an approved, announced or recorded name is renamed or abolished; this one is {Show(status)}.");
        }

        if (State.Changes.FirstOrDefault(c => c.PendingOn(today)) is { } pending)
        {
            throw DomainException.Violation("place-name-change-pending",
                $"Change {pending.Number} ({Show(pending.Kind)} from {pending.EffectiveDate:yyyy-MM-dd}) is {Show(pending.Status)} and not yet in effect; it is decided or takes effect first.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("field-required", "reason", "'reason' is required.");
        }

        var from = State.Names[^1].ValidFrom;
        if ((from is { } start && effective <= start) || effective < (State.ApprovedOn ?? State.ProposedOn))
        {
            throw DomainException.Violation(dateRule,
                $"The effective date follows the start of the name in force ({from ?? State.ApprovedOn ?? State.ProposedOn:yyyy-MM-dd}) and is not before its approval; it may lie in the future.");
        }

        return reason.Trim();
    }

    private PlaceNameChangeState AddChange(PlaceNameChangeKind kind, DateOnly effective, string reason, DateOnly today)
    {
        var change = new PlaceNameChangeState
        {
            Number = State.Changes.Count + 1,
            Kind = kind,
            EffectiveDate = effective,
            Reason = reason,
            Status = PlaceNameChangeStatus.Proposed,
            ProposedOn = today,
        };
        State.Changes.Add(change);
        return change;
    }

    private PlaceNameChangeState Change(int number) =>
        number >= 1 && number <= State.Changes.Count
            ? State.Changes[number - 1]
            : throw DomainException.NotFound("place-name-change-not-found", $"No change {number} is recorded for {State.Name}.");

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

    public static string Show(PlaceNameStatus status) => ApiTerms.Value(status);

    public static string Show(PlaceNameChangeStatus status) => ApiTerms.Value(status);

    public static string Show(PlaceNameChangeKind kind) => ApiTerms.Value(kind);
}

/// <summary>When and by whom a change is recorded.</summary>
public readonly record struct PlaceNameStamp(DateTimeOffset At, string Actor);
