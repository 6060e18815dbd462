using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Places.Plates;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Places;

/// <summary>
/// One place name; see <see cref="IPlaceNameGrain"/>.
/// <para>
/// Duplicates: a proposal or rename claims its character key and its toneless-spelling key in each of its scopes
/// (<see cref="DuplicateScope.Scopes"/>: a street or village under a county code also in each of its townships) from <see cref="IPlaceNameClaimGrain"/>s before writing, in a fixed order; after the
/// first refusal the other keys are only asked who holds them (so the 409 lists every conflicting name without the
/// refused request blocking another), and keys granted to a refused request are given back. A rename or abolition
/// releases the old keys after its write; a release that is lost is recovered by <see cref="HoldsClaimAsync"/>.
/// </para>
/// <para>
/// Search: after each committed write the grain upserts its entry into its index partition; if that fails the write
/// stands (logged) and <see cref="PublishAsync"/> or a partition rebuild brings the index back in step.
/// </para>
/// </summary>
[GrainType(StorageNames.PlaceNameGrainType)]
public sealed class PlaceNameGrain(
    [PersistentState(StorageNames.PlaceName, StorageNames.Provider)] IPersistentState<PlaceNameState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<PlaceNameGrain> logger) : Grain, IPlaceNameGrain
{
    private readonly HashSet<string> claimsInFlight = new(StringComparer.Ordinal);
    private readonly StatisticsFeed statistics = new(grains, logger);

    private PlaceNameState State => state.State;

    private string Id => this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists && State.Id.Length > 0;

    public async Task<PlaceNameDetails> ProposeAsync(ProposePlaceName command)
    {
        if (Exists)
        {
            throw DomainException.Conflict("place-name-exists", $"A place name with id {Id} is already recorded.");
        }

        var (name, romanization) = PlaceName.CheckNaming(command.Name, command.Romanization, command.Category,
            command.MinorityLanguage);
        var aliases = PlaceName.CheckAliases(command.Aliases, name);
        var geometry = PlaceGeometry.Read(command.Geometry);
        var today = clock.Today;
        var lineage = await LineageAsync(command.DivisionCode, today);
        await CheckLocationAsync(geometry, lineage, today);
        var scopes = await ScopesAsync(command.Category, lineage, today);

        var draft = new PlaceNameState
        {
            Id = Id,
            Name = name,
            Romanization = romanization,
            Category = command.Category,
            DivisionCode = command.DivisionCode,
            Geometry = PlaceGeometry.Write(geometry),
            Meaning = string.IsNullOrWhiteSpace(command.Meaning) ? null : command.Meaning.Trim(),
            Aliases = aliases.ToList(),
            LocationDescription = string.IsNullOrWhiteSpace(command.LocationDescription)
                ? string.Join(" ", lineage.Reverse().Select(d => d.Name))
                : command.LocationDescription.Trim(),
            Status = PlaceNameStatus.Proposed,
            ProposedOn = today,
            Names = [new PlaceNamePeriod(name, romanization, null, null)],
            ClaimKeys = DuplicateScope.ClaimKeys(scopes, command.Category, name, romanization).ToList(),
            RomanizationLanguage = command.MinorityLanguage?.Language.Trim(),
        };
        var reason = command.MinorityLanguage?.Reason.Trim();
        new PlaceName(draft).Record(PlaceNameEventKind.Proposed, today, reason,
            $"{name} ({romanization}{Transliterated(command.MinorityLanguage)}), scope {string.Join(", ", scopes)}", Stamp);

        await WithClaimsAsync(draft.ClaimKeys, new PlaceNameClaimant(Id, name, romanization), async () =>
        {
            state.State = draft;
            await WriteAsync();
        });
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameRecordOutcome> RecordAsync(RecordPlaceName command)
    {
        if (Exists)
        {
            return Aggregate.Records(command)
                ? new PlaceNameRecordOutcome(Id, AlreadyStored: true, State.Flags.ToList()) { CharacterFlags = CharacterFlagsOf(State) }
                : throw DomainException.Conflict("place-name-exists",
                    $"A place name with id {Id} is already recorded with other particulars ({State.Name}, {State.DivisionCode}).");
        }

        var today = clock.Today;
        var lineage = await LineageAsync(command.DivisionCode, today);
        if (command.Geometry is { Length: > 0 } wkb)
        {
            await CheckLocationAsync(PlaceGeometry.Read(wkb), lineage, today);
        }

        var scopes = await ScopesAsync(command.Category, lineage, today);
        var place = PlaceName.RecordInForce(Id, command, scopes, string.Join(" ", lineage.Reverse().Select(d => d.Name)),
            today, Stamp);
        var draft = place.State;
        var conflicts = await ClaimOrFlagAsync(draft.ClaimKeys, new PlaceNameClaimant(Id, draft.Name, draft.Romanization));
        place.Flag(conflicts);
        place.AssignCode(await NextCodeAsync(draft));
        state.State = draft;
        await WriteAsync();
        await PublishIndexAsync();
        return new PlaceNameRecordOutcome(Id, AlreadyStored: false, draft.Flags.ToList()) { CharacterFlags = CharacterFlagsOf(draft) };
    }

    private static List<string> CharacterFlagsOf(PlaceNameState recorded) => recorded.CharacterFlags.Count == 0
        ? []
        : NameCharacters.OutsideOf(recorded.Name).Select(c => c.Text).ToList();

    /// <summary>
    /// Takes every key a recorded name can take and names the current holders of the others: a name in force is
    /// recorded as it is, so a duplicate is a flag, not a refusal. A key held by another name stays theirs.
    /// </summary>
    private async Task<IReadOnlyList<string>> ClaimOrFlagAsync(IReadOnlyList<string> keys, PlaceNameClaimant claimant)
    {
        var conflicts = new List<string>();
        foreach (var key in keys)
        {
            claimsInFlight.Add(key);
        }

        try
        {
            foreach (var key in keys)
            {
                try
                {
                    await grains.Get<IPlaceNameClaimGrain>(key).ClaimAsync(claimant);
                }
                catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
                {
                    conflicts.Add(e.Message[(e.Message.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().TrimEnd('.'));
                }
            }
        }
        finally
        {
            foreach (var key in keys)
            {
                claimsInFlight.Remove(key);
            }
        }

        return conflicts;
    }

    public Task<PlaceNameDetails> GetAsync()
    {
        EnsureExists();
        return Task.FromResult(Details);
    }

    public Task<IReadOnlyList<PlaceNameEvent>> GetHistoryAsync()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<PlaceNameEvent>>(State.Events.ToList());
    }

    public async Task<PlaceNameDetails> ApproveAsync(ApprovePlaceName command)
    {
        EnsureStandard();
        Aggregate.Approve(command.Authority, command.Date, clock.Today, Stamp);
        Aggregate.AssignCode(await NextCodeAsync(State));
        await WriteAsync();
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameDetails> AnnounceAsync()
    {
        EnsureStandard();
        Aggregate.Announce(clock.Today, Stamp);
        await WriteAsync();
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameDetails> ProposeRenameAsync(RenamePlaceName command)
    {
        EnsureStandard();
        var (name, romanization) = PlaceName.CheckNaming(command.Name, command.Romanization, State.Category,
            command.MinorityLanguage);
        var today = clock.Today;
        var reason = Aggregate.CheckRename(name, romanization, command.EffectiveDate, command.Reason, today);
        var lineage = await LineageAsync(State.DivisionCode, today);
        var scopes = await ScopesAsync(State.Category, lineage, today);
        var keys = DuplicateScope.ClaimKeys(scopes, State.Category, name, romanization).ToList();

        await WithClaimsAsync(keys, new PlaceNameClaimant(Id, name, romanization), async () =>
        {
            var note = Transliterated(command.MinorityLanguage)
                + (command.MinorityLanguage is { } minority ? $"; spelling: {minority.Reason.Trim()}" : "");
            Aggregate.ProposeRename(name, romanization, command.MinorityLanguage?.Language.Trim(),
                command.EffectiveDate, reason, keys, today, note, Stamp);
            await WriteAsync();
        });
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameDetails> ProposeAbolitionAsync(AbolishPlaceName command)
    {
        EnsureStandard();
        Aggregate.ProposeAbolition(command.Reason, command.EffectiveDate, clock.Today, Stamp);
        await WriteAsync();
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameDetails> ApproveChangeAsync(int number, ApprovePlaceName command)
    {
        EnsureStandard();
        var today = clock.Today;
        var before = Aggregate.ClaimKeysOn(today);
        Aggregate.ApproveChange(number, command.Authority, command.Date, today, Stamp);
        await WriteAsync();
        // A change in effect already (dated today or earlier) frees the old keys now; one dated later frees them on
        // its day, when the claim grains find this record no longer holds them.
        await ReleaseAsync(before.Except(Aggregate.ClaimKeysOn(today)));
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameDetails> AnnounceChangeAsync(int number)
    {
        EnsureStandard();
        Aggregate.AnnounceChange(number, clock.Today, Stamp);
        await WriteAsync();
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameDetails> RejectChangeAsync(int number, RejectPlaceName command)
    {
        EnsureStandard();
        var keys = Aggregate.RejectChange(number, command.Reasons, command.Date, clock.Today, Stamp);
        await WriteAsync();
        await ReleaseAsync(keys);
        await PublishIndexAsync();
        return Details;
    }

    public async Task<PlaceNameDetails> RejectAsync(RejectPlaceName command)
    {
        EnsureStandard();
        var keys = Aggregate.Reject(command.Reasons, command.Date, clock.Today, Stamp);
        await WriteAsync();
        await ReleaseAsync(keys);
        await PublishIndexAsync();
        return Details;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (State.HouseNumbers is { Count: > 0 } stored)
        {
            await MoveStoredHouseNumbersAsync(stored);
        }
    }

    /// <summary>
    /// A street stored before house numbers lived in blocks holds its plates in its own record: each goes to its block
    /// (idempotent, so a move cut short is finished by the next activation), and only then does the record drop them.
    /// </summary>
    private async Task MoveStoredHouseNumbersAsync(List<HouseNumberPlate> stored)
    {
        var plates = stored.Select(p => p with
        {
            Key = p.Key.Length > 0 ? p.Key : p.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Label = p.Label.Length > 0 ? p.Label : $"{p.Number}号",
        }).ToList();
        foreach (var block in plates.GroupBy(p => p.Number / HouseNumber.BlockSize))
        {
            await grains.Get<IHouseNumberBlockGrain>(HouseNumber.BlockKey(Id, block.Key))
                .AdoptAsync(State.Geometry, block.ToList());
            State.HouseNumberBlocks = Math.Max(State.HouseNumberBlocks, block.Key + 1);
        }

        State.HouseNumbers = null;
        await state.WriteOrReloadAsync();
    }

    public async Task NoteHouseNumberBlockAsync(int block)
    {
        EnsureExists();
        if (block >= State.HouseNumberBlocks)
        {
            State.HouseNumberBlocks = block + 1;
            await state.WriteOrReloadAsync();
        }
    }

    public Task<int> HouseNumberBlocksAsync()
    {
        EnsureExists();
        return Task.FromResult(State.HouseNumberBlocks);
    }

    public async Task<PlaceSignDetails> SetSignAsync(SetPlaceSign command)
    {
        EnsureStandard();
        var today = clock.Today;
        var status = Aggregate.StatusOn(today);
        if (status is not (PlaceNameStatus.Approved or PlaceNameStatus.Announced or PlaceNameStatus.Recorded))
        {
            throw DomainException.Violation("place-name-status", $"Signs are set for an approved, announced or recorded name; this one is {Show(status)}.");
        }

        var (building, unit) = PlaceSign.CheckKind(command.Kind, State.Category, command.HouseNumber, command.Building,
            command.Unit, command.SetOn, today);
        if (command.HouseNumber is { } number)
        {
            if (await grains.Get<IHouseNumberBlockGrain>(number.BlockKey(Id)).FindAsync(number.Key) is null)
            {
                throw DomainException.Violation("place-sign-house-number", $"No house number {number.Label} is issued on this street.");
            }
        }

        State.SignCount++;
        await state.WriteOrReloadAsync();
        var signKey = $"{Id}.{State.SignCount}";
        var sign = await grains.Get<IPlaceSignGrain>(signKey).SetAsync(command with { Building = building, Unit = unit });
        await statistics.PublishAsync($"sign:{signKey}",
            PlaceNameStatistics.OfSign(signKey, State.DivisionCode, sign.Kind, sign.SetOn));
        return sign;
    }

    public Task<int> SignCountAsync()
    {
        EnsureExists();
        return Task.FromResult(State.SignCount);
    }

    public Task<bool> HoldsClaimAsync(string claimKey) =>
        Task.FromResult(claimsInFlight.Contains(claimKey) || (Exists && Aggregate.ClaimKeysOn(clock.Today).Contains(claimKey)));

    public Task<PlaceNameIndexEntry?> IndexEntryAsync() =>
        Task.FromResult(Exists ? PlaceNameViews.IndexEntry(State, clock.Today) : null);

    public async Task PublishAsync()
    {
        if (!Exists)
        {
            return;
        }

        await UpsertIndexEntryAsync();
        await statistics.SendAsync($"place:{Id}", PlaceNameStatistics.Of(State));
    }

    /// <summary>The fast path after a write; a failure is logged, and the write's outbox row makes the relay
    /// publish again (<see cref="PublishAsync"/>).</summary>
    private async Task PublishIndexAsync()
    {
        if (!Exists || !publication.Inline)
        {
            return;
        }

        try
        {
            await UpsertIndexEntryAsync();
        }
        catch (Exception e) when (e is not DomainException)
        {
            // The write stands; the outbox relay or a rebuild brings the index back in step.
            logger.LogWarning(e, "Index update for place name {Id} failed", Id);
        }
    }

    private Task UpsertIndexEntryAsync() =>
        grains.Get<IPlaceNameIndexGrain>(PlaceNameIndex.PartitionOf(Id))
            .UpsertAsync(PlaceNameViews.IndexEntry(State, clock.Today));

    private async Task WithClaimsAsync(IReadOnlyList<string> keys, PlaceNameClaimant claimant, Func<Task> write)
    {
        foreach (var key in keys)
        {
            claimsInFlight.Add(key);
        }

        try
        {
            var granted = new List<string>();
            var conflicts = new List<string>();
            foreach (var key in keys)
            {
                var claim = grains.Get<IPlaceNameClaimGrain>(key);
                if (conflicts.Count > 0)
                {
                    // Refused already: name the other holders, but take no more keys. A refused request that took
                    // its next key would block, until it gave it back, the one request that can still win it (with
                    // a name and its homophone proposed at once, every request could be refused).
                    if (await claim.HolderAsync(Id) is { } holder)
                    {
                        conflicts.Add(PlaceNameClaimGrain.Describe(holder));
                    }

                    continue;
                }

                try
                {
                    await claim.ClaimAsync(claimant);
                    granted.Add(key);
                }
                catch (DomainException e) when (e.Kind == DomainErrorKind.Conflict)
                {
                    conflicts.Add(e.Message[(e.Message.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().TrimEnd('.'));
                }
            }

            if (conflicts.Count > 0)
            {
                foreach (var key in granted.Where(k => !(Exists && Aggregate.ClaimKeysOn(clock.Today).Contains(k))))
                {
                    claimsInFlight.Remove(key);
                    await grains.Get<IPlaceNameClaimGrain>(key).ReleaseAsync(Id);
                }

                throw DomainException.Conflict("place-name-duplicate",
                    "Another current name of the same category in the same scope has the same characters or sounds the same: "
                    + string.Join("; ", conflicts.Distinct()) + ".");
            }

            await write();
        }
        finally
        {
            foreach (var key in keys)
            {
                claimsInFlight.Remove(key);
            }
        }
    }

    private async Task ReleaseAsync(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            try
            {
                await grains.Get<IPlaceNameClaimGrain>(key).ReleaseAsync(Id);
            }
            catch (Exception e) when (e is not DomainException)
            {
                // The claim grain asks this record before honouring a stale claim, so a lost release does no harm.
                logger.LogWarning(e, "Releasing claim {Key} of place name {Id} failed", key, Id);
            }
        }
    }

    /// <summary>The scopes of the name's duplicate keys (<see cref="DuplicateScope.Scopes"/>): the division's
    /// townships in force today are read only where the scopes depend on them.</summary>
    private async Task<IReadOnlyList<string>> ScopesAsync(PlaceCategory category, IReadOnlyList<DivisionSummary> lineage,
        DateOnly today) =>
        DuplicateScope.Scopes(category, lineage, DuplicateScope.NeedsTownships(category, lineage)
            ? await grains.Get<IDivisionGrain>(lineage[0].Code).GetChildrenAsync(today)
            : []);

    private async Task<IReadOnlyList<DivisionSummary>> LineageAsync(string? code, DateOnly today)
    {
        if (!DivisionCode.IsWellFormed(code))
        {
            throw DomainException.Invalid("division-code-format", "divisionCode",
                "A division code is 6 digits (GB/T 2260) or 9 digits (statistical township code).");
        }

        // A place name is recorded today: its division must be in force today (the one check every record makes).
        var lineage = await grains.EnsureInForceAsync(code!, today, "place-division", "The place name's division");
        return lineage;
    }

    /// <summary>
    /// The location must lie in the outline of its division, or of the nearest ancestor that has one (the shipped
    /// outlines are of provinces and prefectures; a county or township outline imported later takes over); where no
    /// division up the lineage has an outline, any valid location is accepted.
    /// </summary>
    private async Task CheckLocationAsync(NetTopologySuite.Geometries.Geometry location,
        IReadOnlyList<DivisionSummary> lineage, DateOnly today)
    {
        foreach (var division in lineage)
        {
            Abstractions.Boundaries.DivisionGeometryDetails outline;
            try
            {
                outline = await grains.Get<Abstractions.Boundaries.IDivisionGeometryGrain>(division.Code).GetAsync(today);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
            {
                continue;
            }

            PlaceGeometry.CheckWithin(location, outline.Geometry.ToGeometry(), division);
            return;
        }
    }

    /// <summary>The next place-name code under the record's division and category (<see cref="PlaceNameCode"/>).</summary>
    private async Task<string> NextCodeAsync(PlaceNameState record)
    {
        var prefix = PlaceNameCode.Prefix(record.DivisionCode, record.Category);
        return PlaceNameCode.Compose(prefix, await grains.Get<IPlaceNameCodeGrain>(prefix).NextSerialAsync());
    }

    private async Task WriteAsync()
    {
        State.Revision++;
        await state.WriteOrReloadAsync();
        if (publication.Inline)
        {
            await statistics.PublishAsync($"place:{Id}", PlaceNameStatistics.Of(State));
        }
    }

    private PlaceName Aggregate => new(State);

    private PlaceNameDetails Details => PlaceNameViews.Details(State, clock.Today);

    private PlaceNameStamp Stamp => new(clock.Now, AuditScope.Actor);

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw DomainException.NotFound("place-name-not-found", $"No place name {Id} is recorded.");
        }
    }

    private void EnsureStandard()
    {
        EnsureExists();
        if (State.External is not null)
        {
            throw DomainException.Violation("place-name-external",
                $"{State.Name} is a reference name from {State.External.Source}; it is never approved, announced, renamed or numbered here.");
        }
    }

    private static string Transliterated(MinorityLanguageSpelling? minority) =>
        minority is null ? "" : $", transliterated from {minority.Language.Trim()}";

    private static string Show(PlaceNameStatus status) => PlaceName.Show(status);
}
