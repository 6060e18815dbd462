using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Text;

namespace Registry.Grains.Marriages;

/// <summary>
/// The marriage aggregate: every rule of a registered marriage record (divorce applications and their periods,
/// divorce registration, certificates and their replacement, court judgments and the ends of a marriage) over its
/// <see cref="MarriageState"/>. No I/O: the grain loads the state, checks what needs other grains (offices, serials,
/// persons), calls one method here and stores the state. Each method either refuses with a
/// <see cref="DomainException"/> naming the rule, leaving the state untouched, or changes it and appends the
/// history entries it caused. Not thread-safe: one instance per call, owned by the grain's turn.
/// </summary>
/// <param name="state">The record, changed in place.</param>
/// <param name="now">When the change is recorded (history timestamps).</param>
/// <param name="today">The bureau's date (<paramref name="now"/> in its zone): the day rules are judged on.</param>
/// <param name="actor">Who records the change (history entries).</param>
public sealed class Marriage(MarriageState state, DateTimeOffset now, DateOnly today, string actor)
{
    public string Id => state.Id;

    public MarriageStatus Status => state.Status;

    public DateOnly Today => today;

    /// <summary>Ended by a court's declaration of death (which a revocation may undo) rather than a death: told by
    /// the history entry that ended it, so records stored before deaths were recorded read the same.</summary>
    public bool DeathDeclared => state.Status == MarriageStatus.EndedByDeath
        && state.Events.LastOrDefault(e => e.Kind is MarriageEventKind.DeclaredDead or MarriageEventKind.PartyDied)
            ?.Kind == MarriageEventKind.DeclaredDead;

    public bool HasOpenApplication => state.Applications.Any(a => a.Outcome == DivorceApplicationOutcome.Open);

    /// <summary>The J certificate number given at registration (or recorded from the archive).</summary>
    public string MarriageCertificateNumber =>
        state.Certificates.First(c => c.Kind == CertificateKind.Marriage).Number;

    /// <summary>Both parties' ID numbers as registered.</summary>
    public (string A, string B) PartyIdNumbers => (state.PartyA.IdNumber, state.PartyB.IdNumber);

    /// <summary>
    /// Documents a party may present instead of the one the marriage was registered with (a renewed passport, a
    /// corrected ID number), each mapped to the party's registered document: those whose person record is the
    /// party's (the person records' links, read by the grain; see <see cref="AcceptLinkedDocuments"/>).
    /// </summary>
    private IReadOnlyDictionary<string, string> linkedDocuments = new Dictionary<string, string>();

    /// <summary>Linked documents presented in the change being made, noted in its history entry.</summary>
    private readonly List<(string Presented, string Party)> presentedLinked = [];

    /// <summary>
    /// Accepts, for the change about to be made, documents linked to a party's person record (presented document ->
    /// the party's registered document). Only entries naming one of this marriage's parties are kept.
    /// </summary>
    public void AcceptLinkedDocuments(IReadOnlyDictionary<string, string> links) =>
        linkedDocuments = links.Where(l => l.Value == state.PartyA.IdNumber || l.Value == state.PartyB.IdNumber)
            .ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);

    /// <summary>Writes a new registration (parties already checked by <see cref="MarriageRules"/>, both persons
    /// reserved, <paramref name="certificateNumber"/> taken) into the empty state.</summary>
    public void Register(RegisterMarriage command, PartyIdentity a, PartyIdentity b, string certificateNumber)
    {
        state.Record = MarriageRecordStatus.Registered;
        state.Office = command.Office;
        state.RegisteredOn = today;
        state.PartyA = ToRecord(command.PartyA, a);
        state.PartyB = ToRecord(command.PartyB, b);
        state.NoSpouseDeclared = command.NoSpouseDeclared;
        state.NoProhibitedKinshipDeclared = command.NoProhibitedKinshipDeclared;
        state.BothPresent = command.BothPresent;
        state.Status = MarriageStatus.InForce;
        state.Certificates =
        [
            NewCertificate(certificateNumber, CertificateKind.Marriage, a.Number, command.Office),
            NewCertificate(certificateNumber, CertificateKind.Marriage, b.Number, command.Office),
        ];
        AddEvent(MarriageEventKind.Registered, today, command.Office, certificateNumber, null, null, null, null);
    }

    /// <summary>
    /// Records, with a new registration or archive entry, each party's status before it and whether the two were
    /// married to each other and divorced (<see cref="PriorStatusRules"/>), from the earlier records each party's
    /// person record held when they were reserved. A registration today counts every earlier record; an archive entry
    /// only those registered before its date.
    /// </summary>
    public void RecordPriorStatus(IReadOnlyList<MarriageSummary> earlierA, IReadOnlyList<MarriageSummary> earlierB)
    {
        DateOnly? date = state.Archive is null ? null : state.RegisteredOn;
        state.PartyA.PriorStatus = PriorStatusRules.Of(earlierA, Id, date);
        state.PartyB.PriorStatus = PriorStatusRules.Of(earlierB, Id, date);
        state.Reunion = PriorStatusRules.IsReunion(earlierA, earlierB, Id, date);
    }

    /// <summary>
    /// <see cref="RecordPriorStatus(IReadOnlyList{MarriageSummary}, IReadOnlyList{MarriageSummary})"/> from what the
    /// stores of the two holds returned, in the order they were held (<see cref="MarriageRules.HoldOrder"/> of the
    /// parties' document keys).
    /// </summary>
    public void RecordPriorStatusOfHolds(IReadOnlyList<MarriageSummary>[] inHoldOrder)
    {
        var aFirst = MarriageRules.HoldOrder(state.PartyA.IdNumber, state.PartyB.IdNumber)[0] == state.PartyA.IdNumber;
        RecordPriorStatus(inHoldOrder[aFirst ? 0 : 1], inHoldOrder[aFirst ? 1 : 0]);
    }

    /// <summary>Writes a record entered from the archive (checked by <see cref="MarriageRules.ParseArchiveEntry"/>,
    /// both persons reserved) into the empty state: dated, numbered and placed as the paper record is, marked with its
    /// source.</summary>
    public void EnterFromArchive(EnterArchivedMarriage command, PartyIdentity a, PartyIdentity b, ArchivedEnd? end)
    {
        var number = command.CertificateNumber.Trim();
        state.Record = MarriageRecordStatus.Registered;
        state.Office = command.Office;
        state.RegisteredOn = command.RegisteredOn;
        state.PartyA = ToRecord(command.PartyA, a);
        state.PartyB = ToRecord(command.PartyB, b);
        state.Status = MarriageStatus.InForce;
        state.Archive = new ArchiveSource(command.Source.Volume.Trim(), command.Source.Page.Trim());
        state.Certificates =
        [
            NewCertificate(number, CertificateKind.Marriage, a.Number, command.Office),
            NewCertificate(number, CertificateKind.Marriage, b.Number, command.Office),
        ];
        foreach (var certificate in state.Certificates)
        {
            certificate.IssuedOn = command.RegisteredOn;
        }

        AddEvent(MarriageEventKind.EnteredFromArchive, command.RegisteredOn, command.Office, number, null, null, null,
            $"entered from the archive: volume {state.Archive.Volume}, page {state.Archive.Page}");
        if (end is not null)
        {
            EndFromArchive(end);
        }
    }

    /// <summary>
    /// The end an archive entry records (checked by <see cref="MarriageRules.ParseArchivedEnd"/>), as the history's
    /// entry the same end would have made when it happened, dated on its day and marked as from the archive: a
    /// divorce registration issues its L certificates to both parties, a court's divorce or annulment voids the
    /// marriage certificates, a death voids them and widows the survivor.
    /// </summary>
    private void EndFromArchive(ArchivedEnd end)
    {
        var source = $"from the archive: volume {state.Archive!.Volume}, page {state.Archive.Page}";
        state.ArchivedEnd = end;
        state.EndedOn = end.EndedOn;
        switch (end.Kind)
        {
            case ArchivedEndKind.DivorceRegistration:
                state.Status = MarriageStatus.Divorced;
                VoidMarriageCertificates($"divorce registered ({end.Reference})", end.EndedOn);
                foreach (var holder in new[] { state.PartyA.IdNumber, state.PartyB.IdNumber })
                {
                    var certificate = NewCertificate(end.Reference, CertificateKind.Divorce, holder, end.Authority);
                    certificate.IssuedOn = end.EndedOn;
                    state.Certificates.Add(certificate);
                }

                AddEvent(MarriageEventKind.Divorced, end.EndedOn, end.Authority, end.Reference, null, null, null,
                    $"divorce registered; {source}");
                break;
            case ArchivedEndKind.CourtDivorce:
                state.Status = MarriageStatus.DivorcedByCourt;
                VoidMarriageCertificates($"dissolved by judgment {end.Reference}", end.EndedOn);
                AddEvent(MarriageEventKind.DivorcedByCourt, end.EndedOn, null, end.Reference, null, end.Authority,
                    null, $"divorce by judgment or mediation in effect {end.EndedOn:yyyy-MM-dd}; {source}");
                break;
            case ArchivedEndKind.Death:
                state.Status = MarriageStatus.EndedByDeath;
                state.DeceasedIdNumber = end.PartyIdNumber;
                VoidMarriageCertificates($"marriage ended by the death of a party ({end.Reference})", end.EndedOn);
                AddEvent(MarriageEventKind.PartyDied, end.EndedOn, null, end.Reference, end.PartyIdNumber, null, null,
                    $"death recorded by {end.Authority}; the survivor is widowed; {source}");
                break;
            case ArchivedEndKind.Annulment:
                state.Status = MarriageStatus.Annulled;
                VoidMarriageCertificates($"annulled by judgment {end.Reference}", end.EndedOn);
                AddEvent(MarriageEventKind.Annulled, end.EndedOn, null, end.Reference, null, end.Authority, null,
                    $"annulled: void from the start; {source}");
                break;
        }
    }


    /// <summary>True when <paramref name="command"/> is the archive entry this record already holds (the same
    /// number, date, office and documents), so entering it again changes nothing.</summary>
    public bool HoldsArchiveEntry(EnterArchivedMarriage command, PartyIdentity a, PartyIdentity b, ArchivedEnd? end) =>
        state.Archive is not null
        && state.ArchivedEnd == end
        && MarriageCertificateNumber == command.CertificateNumber.Trim()
        && state.RegisteredOn == command.RegisteredOn
        && state.Office == command.Office
        && state.PartyA.IdNumber == a.Number
        && state.PartyB.IdNumber == b.Number;

    /// <summary>Marks every open application whose last day to appear has passed as deemed withdrawn (Civil Code
    /// art. 1077); returns how many.</summary>
    public int ApplyLapses()
    {
        var lapsed = state.Applications.Where(a => DivorcePeriods.HasLapsed(a, today)).ToList();
        foreach (var application in lapsed)
        {
            var lapsedOn = application.LastDayToAppear.AddDays(1);
            application.Outcome = DivorceApplicationOutcome.DeemedWithdrawn;
            application.ClosedOn = lapsedOn;
            AddEvent(MarriageEventKind.DivorceDeemedWithdrawn, lapsedOn, application.Office,
                ApplicationId(application), null, null,
                $"Neither party appeared by {application.LastDayToAppear:yyyy-MM-dd} (Civil Code art. 1077).", null);
        }

        return lapsed.Count;
    }

    /// <summary>
    /// Refuses an application unless both parties applied together in person (Civil Code art. 1076): one entry per
    /// party of this marriage, named by the document they presented, each present, each having signed the agreement
    /// and made their own declarations; the agreement stating the wish to divorce and the arrangements for children,
    /// property and debts; and the marriage in force without an open application. Returns the command checked: the
    /// agreement's text trimmed, the parties' keys normalised and in the marriage's order (A, then B).
    /// </summary>
    public ApplyForDivorce CheckCanApplyForDivorce(ApplyForDivorce command)
    {
        var text = MarriageRules.RequireText(command.Agreement, "agreement", 4_000);
        var parties = EachPartyOnce(command.Parties, p => p.DocumentKey, (p, key) => p with { DocumentKey = key });
        foreach (var party in parties)
        {
            var who = IdentityDocument.Mask(party.DocumentKey);
            EnsureAppeared(party.AppearedInPerson, who);
            if (!party.SignedAgreement)
            {
                throw DomainException.Violation("divorce-agreement-not-signed",
                    $"{who} has not signed the divorce agreement: both parties sign the written agreement (Civil " +
                    "Code art. 1076).");
            }

            if (party.Declarations is not { Voluntary: true, Truthful: true })
            {
                throw DomainException.Violation("divorce-declaration-missing",
                    $"{who} has not declared that they want the divorce of their own free will and that what they " +
                    "presented is true: each party makes their own declarations.");
            }
        }

        if (command.Contents is not { WishToDivorce: true, Children: true, Property: true, Debts: true })
        {
            throw DomainException.Violation("divorce-agreement-incomplete",
                "The written divorce agreement states both parties' wish to divorce and their agreed arrangements " +
                "for the children, the property and the debts (Civil Code art. 1076); this one lacks " +
                string.Join(", ", Lacking(command.Contents)) + ".");
        }

        EnsureInForce();
        if (state.Applications.FirstOrDefault(a => a.Outcome == DivorceApplicationOutcome.Open) is { } open)
        {
            throw DomainException.Conflict("divorce-application-open",
                $"Divorce application {ApplicationId(open)} of this marriage is still open.");
        }

        return command with { Agreement = text, Parties = parties };
    }

    /// <summary>Receives an application checked by <see cref="CheckCanApplyForDivorce"/> at a valid office, with its
    /// periods from <paramref name="calendar"/>.</summary>
    public DivorceApplicationRecord ApplyForDivorce(ApplyForDivorce application, HolidayCalendar calendar)
    {
        var (coolingOffEnds, lastDay) = DivorcePeriods.For(today, calendar);
        var record = new DivorceApplicationRecord
        {
            Sequence = state.Applications.Count + 1,
            Office = application.Office,
            Agreement = application.Agreement,
            ReceivedOn = today,
            CoolingOffEnds = coolingOffEnds,
            LastDayToAppear = lastDay,
            Parties = [.. application.Parties],
            AgreementContents = application.Contents,
            ProvisionalYears = DivorcePeriods.ProvisionalYears(today, coolingOffEnds, lastDay, calendar),
        };
        state.Applications.Add(record);
        var provisional = record.ProvisionalYears.Count == 0
            ? ""
            : $" (provisional: no holiday calendar of {string.Join(", ", record.ProvisionalYears)} is loaded)";
        AddEvent(MarriageEventKind.DivorceApplied, today, application.Office, ApplicationId(record), null, null, null,
            $"both parties applied in person and signed the agreement; cooling-off ends {coolingOffEnds:yyyy-MM-dd}; " +
            $"last day to appear {lastDay:yyyy-MM-dd}{provisional}");
        return record;
    }

    /// <summary>The open applications whose deadlines are provisional in <paramref name="year"/>.</summary>
    public bool HasProvisionalDeadlinesIn(int year) => state.Applications.Any(a =>
        a.Outcome == DivorceApplicationOutcome.Open && a.ProvisionalYears?.Contains(year) == true);

    /// <summary>The day the latest open application was received (the calendar its deadlines are recomputed on is
    /// that day's); null when none is open.</summary>
    public DateOnly? LatestOpenApplicationReceivedOn =>
        state.Applications.LastOrDefault(a => a.Outcome == DivorceApplicationOutcome.Open)?.ReceivedOn;

    /// <summary>The last day to appear of every open application, the latest (when the deadline reminder must still
    /// tick); null when none is open.</summary>
    public DateOnly? LastDayToAppearOfOpenApplications =>
        state.Applications.Where(a => a.Outcome == DivorceApplicationOutcome.Open)
            .Select(a => (DateOnly?)a.LastDayToAppear).Max();

    /// <summary>
    /// Whether a province's department may serve this marriage (a later registration of it: a divorce, a replacement
    /// certificate), by the documents the parties were registered with (<see cref="MarriageRules.ProvinceMayServe"/>).
    /// </summary>
    public bool ProvinceMayServe(bool designated) =>
        MarriageRules.ProvinceMayServe(state.PartyA.DocumentType, state.PartyB.DocumentType, designated);

    /// <summary>Refuses <paramref name="office"/> unless designated for this marriage's parties
    /// (<see cref="MarriageRules.EnsureOfficeMayServe"/>).</summary>
    public void EnsureOfficeMayServe(string office, bool designated) =>
        MarriageRules.EnsureOfficeMayServe(state.PartyA.DocumentType, state.PartyB.DocumentType, office, designated);

    /// <summary>
    /// The keys of <paramref name="presented"/> documents that are neither party's registered document, each once: the
    /// ones whose person records must be asked whether they are a party's (see <see cref="AcceptLinkedDocuments"/>). A
    /// document that does not parse is left out, for the rules of the change to refuse.
    /// </summary>
    public IReadOnlyList<string> DocumentsToResolve(IEnumerable<string?> presented)
    {
        var (a, b) = PartyIdNumbers;
        return presented.Select(KeyOrNull).OfType<string>()
            .Where(key => key != a && key != b).Distinct(StringComparer.Ordinal).ToList();

        string? KeyOrNull(string? document)
        {
            try
            {
                return MarriageRules.ParseDocumentKey(document, "party", today).Key;
            }
            catch (DomainException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Recomputes, on <paramref name="calendar"/> (in which <paramref name="year"/> is now loaded), the deadlines of
    /// the open applications that were provisional in that year: each only ever later, never earlier; each
    /// recompute is a history entry with the old and new days and the calendar's notice, and the application stays
    /// provisional only in years still not loaded. Returns how many applications were recomputed.
    /// </summary>
    public int RecomputeDeadlines(int year, HolidayCalendar calendar)
    {
        var recomputed = 0;
        foreach (var application in state.Applications.Where(a => a.Outcome == DivorceApplicationOutcome.Open
            && a.ProvisionalYears?.Contains(year) == true))
        {
            var (oldCoolingOff, oldLastDay) = (application.CoolingOffEnds, application.LastDayToAppear);
            var (coolingOffEnds, lastDay) = DivorcePeriods.Recompute(application.ReceivedOn, oldCoolingOff,
                oldLastDay, calendar);
            application.CoolingOffEnds = coolingOffEnds;
            application.LastDayToAppear = lastDay;
            application.ProvisionalYears = DivorcePeriods.ProvisionalYears(application.ReceivedOn, coolingOffEnds,
                lastDay, calendar);
            var still = application.ProvisionalYears.Count == 0
                ? "final"
                : $"still provisional in {string.Join(", ", application.ProvisionalYears)}";
            AddEvent(MarriageEventKind.DivorceDeadlinesRecomputed, today, application.Office,
                ApplicationId(application), null, null,
                $"holiday calendar of {year} loaded: {calendar.ReferenceOf(year)}",
                $"cooling-off ends {oldCoolingOff:yyyy-MM-dd} -> {coolingOffEnds:yyyy-MM-dd}; last day to appear " +
                $"{oldLastDay:yyyy-MM-dd} -> {lastDay:yyyy-MM-dd} (only ever later); {still}");
            recomputed++;
        }

        return recomputed;
    }

    /// <summary>Withdraws an application during its cooling-off period at a party's request.</summary>
    public DivorceApplicationRecord WithdrawDivorceApplication(int sequence, WithdrawDivorceApplication command)
    {
        var party = EnsureParty(command.PartyIdNumber, "party");
        var reason = command.Reason?.Trim();
        if (reason?.Length > MarriageRules.MaxReasonLength)
        {
            throw DomainException.Invalid("field-too-long", "reason",
                $"'reason' is at most {MarriageRules.MaxReasonLength} characters.");
        }

        var application = FindApplication(sequence);
        EnsureOpen(application);
        if (today > application.CoolingOffEnds)
        {
            throw DomainException.Violation("cooling-off-over",
                $"The cooling-off period ended on {application.CoolingOffEnds:yyyy-MM-dd}; an application can be " +
                "withdrawn only during it. Not appearing by the last day withdraws it.");
        }

        application.Outcome = DivorceApplicationOutcome.Withdrawn;
        application.ClosedOn = today;
        application.WithdrawnBy = party;
        AddEvent(MarriageEventKind.DivorceWithdrawn, today, application.Office, ApplicationId(application), party,
            null, reason, null);
        return application;
    }

    /// <summary>Refuses a divorce registration outside the application's window or office, or unless both parties
    /// appear in person, each by a document naming a party of this marriage, and each confirms the divorce; returns
    /// the application to register and the parties' entries (keys normalised, in the marriage's order).</summary>
    public (DivorceApplicationRecord Application, IReadOnlyList<DivorceAppearance> Parties) CheckCanRegisterDivorce(
        int sequence, RegisterDivorce command)
    {
        var application = FindApplication(sequence);
        EnsureOpen(application);
        if (command.Office != application.Office)
        {
            throw DomainException.Violation("divorce-office-mismatch",
                $"The application was received by office {application.Office}; the divorce is registered by the " +
                "same office.");
        }

        if (today <= application.CoolingOffEnds)
        {
            throw DomainException.Violation("cooling-off-not-over",
                $"The cooling-off period runs until {application.CoolingOffEnds:yyyy-MM-dd}; both parties may appear " +
                $"from {application.CoolingOffEnds.AddDays(1):yyyy-MM-dd} to " +
                $"{application.LastDayToAppear:yyyy-MM-dd}.");
        }

        var parties = EachPartyOnce(command.Parties, p => p.DocumentKey, (p, key) => p with { DocumentKey = key });
        foreach (var party in parties)
        {
            var who = IdentityDocument.Mask(party.DocumentKey);
            EnsureAppeared(party.AppearedInPerson, who);
            if (!party.ConfirmsDivorce)
            {
                throw DomainException.Violation("divorce-not-confirmed",
                    $"{who} has not confirmed that they still want the divorce; without both parties' confirmation " +
                    "the divorce is not registered (either may instead let the application lapse).");
            }
        }

        return (application, parties);
    }

    /// <summary>Registers the divorce of an application checked by <see cref="CheckCanRegisterDivorce"/> under
    /// L certificate <paramref name="number"/>.</summary>
    public DivorceRegistration RegisterDivorce(
        (DivorceApplicationRecord Application, IReadOnlyList<DivorceAppearance> Parties) check, string number)
    {
        var application = check.Application;
        application.RegistrationParties = [.. check.Parties];
        application.Outcome = DivorceApplicationOutcome.Registered;
        application.ClosedOn = today;
        application.CertificateNumber = number;
        state.Status = MarriageStatus.Divorced;
        state.EndedOn = today;
        var reason = $"divorce registered ({number})";
        VoidMarriageCertificates(reason);
        state.Certificates.Add(NewCertificate(number, CertificateKind.Divorce, state.PartyA.IdNumber,
            application.Office));
        state.Certificates.Add(NewCertificate(number, CertificateKind.Divorce, state.PartyB.IdNumber,
            application.Office));
        AddEvent(MarriageEventKind.Divorced, today, application.Office, number, null, null, null,
            $"application {ApplicationId(application)}");
        return new DivorceRegistration(ApplicationId(application), Id, number, today);
    }

    /// <summary>Refuses a replacement for a marriage that was annulled; returns the holder's current certificate
    /// and the kind its replacement takes (BL once divorced, BJ otherwise).</summary>
    public (CertificateRecord Current, CertificateKind ReplacementKind) CertificateToReplace(string? holderIdNumber)
    {
        var holder = EnsureParty(holderIdNumber, "party");
        if (state.Status is MarriageStatus.Annulled)
        {
            throw DomainException.Violation("marriage-annulled",
                "The marriage was annulled by court judgment; its certificates are not replaced.");
        }

        if (state.Status is MarriageStatus.DivorcedByCourt or MarriageStatus.DissolvedByDeclarationOfDeath)
        {
            throw DomainException.Violation("marriage-dissolved",
                "The marriage was dissolved by a court or by a revoked declaration of death: its certificates are " +
                "void and not replaced (the court's document is the proof).");
        }

        var divorced = state.Status == MarriageStatus.Divorced;
        var current = state.Certificates.LastOrDefault(c => c.HolderIdNumber == holder && c.ReplacedBy is null
            && (divorced
                ? c.Kind is CertificateKind.Divorce or CertificateKind.DivorceReplacement
                : c.Kind is CertificateKind.Marriage or CertificateKind.MarriageReplacement))
            ?? throw DomainException.Violation("no-certificate-to-replace",
                "The registry issued no certificate of this kind to the party (a divorce by court judgment is " +
                "proved by the judgment, not by an L certificate).");
        return (current, divorced ? CertificateKind.DivorceReplacement : CertificateKind.MarriageReplacement);
    }

    /// <summary>Issues the replacement <paramref name="number"/> of a certificate from
    /// <see cref="CertificateToReplace"/>; the old one is kept, void and pointing to it.</summary>
    public CertificateRecord ReplaceCertificate(CertificateRecord current, CertificateKind kind, string number,
        string office)
    {
        var replacement = NewCertificate(number, kind, current.HolderIdNumber, office);

        // A replaced J of a marriage that has since ended is void already, for that reason; the replacement of an
        // ended marriage's J is void from the start likewise.
        current.VoidedOn ??= today;
        current.VoidReason ??= $"replaced by {number}";
        current.ReplacedBy = number;
        state.Certificates.Add(replacement);
        AddEvent(MarriageEventKind.CertificateReplaced, today, office, replacement.Number, current.HolderIdNumber,
            null, null, $"replaces {current.Number}, now void");
        return replacement;
    }

    /// <summary>Records a court judgment as a new history entry and applies what it decides. A revocation of a
    /// declaration of death goes through <see cref="RevokeDeclarationOfDeath"/> instead (it needs to know whether
    /// the spouse remarried).</summary>
    public MarriageEvent RecordJudgment(CourtJudgment judgment)
    {
        var (court, reference, reason) = CheckJudgment(judgment);
        switch (judgment.Kind)
        {
            case CourtJudgmentKind.Annulment or CourtJudgmentKind.Voidness:
            {
                if (state.Status == MarriageStatus.Annulled)
                {
                    throw DomainException.Conflict("marriage-already-annulled", "The marriage is already annulled.");
                }

                var annulment = judgment.Kind == CourtJudgmentKind.Annulment;
                state.Status = MarriageStatus.Annulled;
                state.EndedOn = judgment.JudgmentDate;
                var recorded = AddEvent(annulment ? MarriageEventKind.Annulled : MarriageEventKind.DeclaredVoid,
                    judgment.JudgmentDate, null, reference, null, court, reason,
                    annulment
                        ? "annulled: void from the start (Civil Code arts. 1052-1054)"
                        : "declared void: void from the start (Civil Code arts. 1051, 1054)");
                CancelOpenApplications(reference);
                VoidMarriageCertificates($"{(annulment ? "annulled" : "declared void")} by judgment {reference}");
                return recorded;
            }

            case CourtJudgmentKind.Divorce or CourtJudgmentKind.DivorceMediation:
            {
                var effective = judgment.EffectiveDate
                    ?? throw DomainException.Invalid("field-required", "effectiveDate",
                        "A divorce by judgment or mediation ends the marriage when it takes legal effect: " +
                        "'effectiveDate' is required.");
                if (effective < judgment.JudgmentDate || effective > today)
                {
                    throw DomainException.Invalid("effective-date-out-of-range", "effectiveDate",
                        $"'effectiveDate' is on or after the judgment date ({judgment.JudgmentDate:yyyy-MM-dd}) and " +
                        "not after today: a judgment is recorded once it has taken effect.");
                }

                EnsureInForce();
                state.Status = MarriageStatus.DivorcedByCourt;
                state.EndedOn = effective;
                var document = judgment.Kind == CourtJudgmentKind.Divorce ? "divorce judgment" : "mediation statement";
                var recorded = AddEvent(MarriageEventKind.DivorcedByCourt, effective, null, reference, null, court,
                    reason, $"{document} given {judgment.JudgmentDate:yyyy-MM-dd}, in effect " +
                    $"{effective:yyyy-MM-dd} (Civil Code art. 1079)");
                CancelOpenApplications(reference);
                VoidMarriageCertificates($"dissolved by {document} {reference}");
                return recorded;
            }

            case CourtJudgmentKind.DeclarationOfDeath:
            {
                var party = EnsureParty(judgment.PartyIdNumber, "party");
                EnsureInForce();
                state.Status = MarriageStatus.EndedByDeath;
                state.EndedOn = judgment.JudgmentDate;
                state.DeceasedIdNumber = party;
                var recorded = AddEvent(MarriageEventKind.DeclaredDead, judgment.JudgmentDate, null, reference, party,
                    court, reason, "marriage ends on the declaration of death (Civil Code art. 51)");
                CancelOpenApplications(reference);
                return recorded;
            }

            case CourtJudgmentKind.Correction:
                return RecordCorrection(judgment, court, reference, reason);

            case CourtJudgmentKind.RevocationOfDeclarationOfDeath:
                throw new InvalidOperationException("A revocation is recorded by RevokeDeclarationOfDeath.");

            default:
                throw DomainException.Invalid("judgment-kind", "kind", "Unknown kind of judgment.");
        }
    }

    /// <summary>Refuses a revocation that does not match a standing declaration of death on this marriage; returns
    /// the spouse, whose later marriages decide whether it revives.</summary>
    public string SpouseOfDeclaredDead(CourtJudgment revocation)
    {
        CheckJudgment(revocation);
        var party = EnsureParty(revocation.PartyIdNumber, "party");
        if (!DeathDeclared || state.DeceasedIdNumber != party)
        {
            throw DomainException.Violation("no-declaration-of-death",
                $"{IdentityDocument.Mask(party)} is not recorded as declared dead on marriage {Id}; there is no " +
                "declaration to revoke.");
        }

        return party == state.PartyA.IdNumber ? state.PartyB.IdNumber : state.PartyA.IdNumber;
    }

    /// <summary>
    /// Records the revocation of the declaration of death (Civil Code art. 51): the marriage revives from the
    /// revocation unless <paramref name="spouseRemarried"/> or the spouse declined; otherwise it stays dissolved
    /// from the declaration. Either way the party is no longer declared dead.
    /// </summary>
    public MarriageEvent RevokeDeclarationOfDeath(CourtJudgment revocation, bool spouseRemarried)
    {
        var (court, reference, reason) = CheckJudgment(revocation);
        var party = EnsureParty(revocation.PartyIdNumber, "party");
        SpouseOfDeclaredDead(revocation);
        state.DeceasedIdNumber = null;
        if (!spouseRemarried && !revocation.SpouseDeclinesRevival)
        {
            state.Status = MarriageStatus.InForce;
            state.EndedOn = null;
            return AddEvent(MarriageEventKind.Revived, revocation.JudgmentDate, null, reference, party, court, reason,
                "declaration of death revoked: the marriage revives (Civil Code art. 51)");
        }

        state.Status = MarriageStatus.DissolvedByDeclarationOfDeath;
        VoidMarriageCertificates($"dissolved: declaration of death revoked without revival ({reference})");
        return AddEvent(MarriageEventKind.DeclarationOfDeathRevoked, revocation.JudgmentDate, null, reference, party,
            court, reason,
            "declaration of death revoked; the marriage does not revive: " +
            (spouseRemarried ? "the spouse has remarried" : "the spouse declared they do not want it to") +
            " (Civil Code art. 51)");
    }

    /// <summary>Records a party's death, proved by a death certificate or household deregistration: the marriage
    /// ends on the day of death, its certificates are void from that day and the survivor is widowed.</summary>
    public MarriageEvent RecordDeath(RecordDeath command)
    {
        var party = EnsureParty(command.PartyIdNumber, "party");
        var proofReference = MarriageRules.RequireText(command.ProofReference, "proofReference", 100);
        var issuedBy = MarriageRules.RequireText(command.IssuedBy, "issuedBy", 200);
        if (command.DiedOn > today)
        {
            throw DomainException.Invalid("date-of-death-in-future", "diedOn", "'diedOn' cannot be after today.");
        }

        if (command.DiedOn < state.RegisteredOn)
        {
            throw DomainException.Invalid("death-before-registration", "diedOn",
                $"The marriage was registered on {state.RegisteredOn:yyyy-MM-dd}; a party's death ending it cannot " +
                "be dated earlier.");
        }

        EnsureInForce();
        state.Status = MarriageStatus.EndedByDeath;
        state.EndedOn = command.DiedOn;
        state.DeceasedIdNumber = party;
        var proof = command.Proof == DeathProof.DeathCertificate ? "death certificate" : "household deregistration";
        // DOMAIN: certificates of a marriage that ended are void, marked with the reason.
        VoidMarriageCertificates($"marriage ended by the death of a party ({proof} {proofReference})", command.DiedOn);
        var recorded = AddEvent(MarriageEventKind.PartyDied, command.DiedOn, null, proofReference, party, null, null,
            $"{proof} issued by {issuedBy}; the marriage ends on the death, the survivor is widowed");
        CancelOpenApplications(proofReference);
        return recorded;
    }

    /// <summary>The registered document of the party of this marriage named in request field
    /// <paramref name="field"/>, by the document the party was registered with or one linked to the same person
    /// (<see cref="AcceptLinkedDocuments"/>); <c>party-not-in-marriage</c> otherwise.</summary>
    public string EnsureParty(string? idNumber, string field)
    {
        var key = MarriageRules.ParseDocumentKey(idNumber, field, today).Key;
        if (key == state.PartyA.IdNumber || key == state.PartyB.IdNumber)
        {
            return key;
        }

        if (linkedDocuments.TryGetValue(key, out var party))
        {
            if (!presentedLinked.Contains((key, party)))
            {
                presentedLinked.Add((key, party));
            }

            return party;
        }

        throw DomainException.Violation("party-not-in-marriage",
            $"{IdentityDocument.Mask(key)} is not a party of marriage {Id} (name a party by the document it was " +
            "registered with, or link the new document to the person first: POST /api/persons/{idNumber}/documents).");
    }

    public DivorceApplicationRecord FindApplication(int sequence) =>
        state.Applications.FirstOrDefault(a => a.Sequence == sequence)
        ?? throw DomainException.NotFound("divorce-application-not-found",
            $"No divorce application {DivorceApplicationId.Format(Id, sequence)} is recorded.");

    /// <summary>The booklets issued under <paramref name="number"/> (one per holder) and the marriage's standing;
    /// <c>certificate-not-found</c> when this record issued no such number.</summary>
    public CertificateVerification Verify(string number)
    {
        var booklets = state.Certificates.Where(c => c.Number == number).Select(ToDetails).ToList();
        if (booklets.Count == 0)
        {
            throw DomainException.NotFound("certificate-not-found", $"No certificate {number} is recorded.");
        }

        return new CertificateVerification(Id, state.Status, booklets);
    }

    public MarriageDetails ToDetails() =>
        new(Id, state.Status, state.Office, state.RegisteredOn, MarriageCertificateNumber,
            ToDetails(state.PartyA), ToDetails(state.PartyB), state.EndedOn,
            state.Certificates.Select(ToDetails).ToList(),
            state.Applications.Select(ToDetails).ToList(),
            state.Events.ToList())
        {
            Archive = state.Archive,
            Reunion = state.Reunion,
        };

    public MarriageSummary ToSummary()
    {
        var a = CurrentParty(state.PartyA);
        var b = CurrentParty(state.PartyB);
        return new MarriageSummary(Id, state.Status, state.Office, state.RegisteredOn, MarriageCertificateNumber,
            a.IdNumber, a.Name, b.IdNumber, b.Name, state.EndedOn, state.DeceasedIdNumber)
        {
            DeathDeclared = DeathDeclared,
            FromArchive = state.Archive is not null,
            PartyABorn = Born(state.PartyA),
            PartyBBorn = Born(state.PartyB),
        };
    }

    /// <summary>A party's sex and birth date as recorded or, on records stored before parties' documents were
    /// recorded, as their resident ID number carries them.</summary>
    private (Sex Sex, DateOnly BirthDate) Born(PartyRecord registered)
    {
        if (registered.Sex is { } sex && registered.BirthDate is { } birthDate)
        {
            return (sex, birthDate);
        }

        ResidentIdNumber.TryParse(registered.IdNumber, state.RegisteredOn, out var id, out _);
        return (id!.Sex, id.BirthDate);
    }

    public DivorceApplicationDetails ToDetails(DivorceApplicationRecord a) =>
        new(ApplicationId(a), Id, a.Office, a.ReceivedOn, a.CoolingOffEnds, a.LastDayToAppear,
            DivorcePeriods.StatusOn(a, today), a.ClosedOn, a.WithdrawnBy, a.CertificateNumber)
        {
            Parties = a.Parties,
            AgreementContents = a.AgreementContents,
            RegistrationParties = a.RegistrationParties,
            ProvisionalYears = a.ProvisionalYears ?? [],
        };

    public static CertificateDetails ToDetails(CertificateRecord c) =>
        new(c.Number, c.Kind, c.HolderIdNumber, c.Office, c.IssuedOn, c.VoidedOn, c.ReplacedBy)
        {
            VoidReason = c.VoidReason,
        };

    private (string Court, string Reference, string Reason) CheckJudgment(CourtJudgment judgment)
    {
        var court = MarriageRules.RequireText(judgment.Court, "court", 200);
        var reference = MarriageRules.RequireText(judgment.Reference, "reference", 100);
        var reason = MarriageRules.RequireText(judgment.Reason, "reason", MarriageRules.MaxReasonLength);
        if (judgment.JudgmentDate > today)
        {
            throw DomainException.Invalid("judgment-date-in-future", "judgmentDate",
                "A judgment is recorded once given; its date cannot be after today.");
        }

        if (judgment.JudgmentDate < state.RegisteredOn)
        {
            // It would end or amend the record before it began (an end date before the registration date).
            throw DomainException.Invalid("judgment-before-registration", "judgmentDate",
                $"The marriage was registered on {state.RegisteredOn:yyyy-MM-dd}; a judgment on it cannot be dated " +
                "earlier.");
        }

        if (state.Events.Any(e => e.Court is not null && e.Reference == reference))
        {
            throw DomainException.Conflict("judgment-already-recorded",
                $"A judgment with reference {reference} is already recorded for this marriage.");
        }

        return (court, reference, reason);
    }

    private MarriageEvent RecordCorrection(CourtJudgment judgment, string court, string reference, string reason)
    {
        var party = EnsureParty(judgment.PartyIdNumber, "party");
        var name = judgment.CorrectedName is null
            ? null
            : MarriageRules.RequireText(judgment.CorrectedName, "correctedName", MarriageRules.MaxNameLength);
        var nationality = judgment.CorrectedNationality is null
            ? null
            : MarriageRules.RequireText(judgment.CorrectedNationality, "correctedNationality",
                MarriageRules.MaxNationalityLength);
        if (name is null && nationality is null)
        {
            throw DomainException.Invalid("correction-empty", "correctedName",
                "A correction names the corrected name, nationality or both.");
        }

        var before = CurrentParty(party == state.PartyA.IdNumber ? state.PartyA : state.PartyB);
        var details = string.Join("; ", new[]
        {
            name is null ? null : $"name: {before.Name} -> {name}",
            nationality is null ? null : $"nationality: {before.Nationality} -> {nationality}",
        }.OfType<string>());
        var recorded = AddEvent(MarriageEventKind.Corrected, judgment.JudgmentDate, null, reference, party, court,
            reason, details);
        state.Corrections.Add(new PartyCorrection
        {
            EventSequence = recorded.Sequence,
            PartyIdNumber = party,
            Name = name,
            Nationality = nationality,
        });
        return recorded;
    }

    /// <summary>Marks the marriage's current J/BJ certificates void with the reason (certificates of a marriage
    /// that ended are void: collected or marked).</summary>
    private void VoidMarriageCertificates(string reason, DateOnly? on = null)
    {
        foreach (var certificate in state.Certificates.Where(c => c.VoidedOn is null
            && c.Kind is CertificateKind.Marriage or CertificateKind.MarriageReplacement))
        {
            certificate.VoidedOn = on ?? today;
            certificate.VoidReason = reason;
        }
    }

    private void CancelOpenApplications(string reference)
    {
        foreach (var application in state.Applications.Where(a => a.Outcome == DivorceApplicationOutcome.Open))
        {
            application.Outcome = DivorceApplicationOutcome.Cancelled;
            application.ClosedOn = today;
            AddEvent(MarriageEventKind.DivorceApplicationCancelled, today, application.Office,
                ApplicationId(application), null, null, $"the marriage ended ({reference})", null);
        }
    }

    /// <summary>The entries of a divorce step, one per party of this marriage (named by the document the party
    /// presented: the one the party was registered with or one linked to the same person), keys normalised to the
    /// registered documents, in the order A, B.</summary>
    private List<T> EachPartyOnce<T>(IReadOnlyList<T>? entries, Func<T, string> key, Func<T, string, T> withKey)
    {
        var byParty = new Dictionary<string, T>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in entries ?? [])
        {
            var party = EnsureParty(key(entry), $"parties[{index++}].idNumber");
            if (!byParty.TryAdd(party, withKey(entry, party)))
            {
                throw DomainException.Violation("divorce-party-duplicate",
                    $"{IdentityDocument.Mask(party)} is named twice; each party is recorded once, for themselves.");
            }
        }

        foreach (var party in new[] { state.PartyA.IdNumber, state.PartyB.IdNumber })
        {
            if (!byParty.ContainsKey(party))
            {
                throw DomainException.Violation("divorce-party-missing",
                    $"{IdentityDocument.Mask(party)} is not among the parties: both parties apply and appear together, " +
                    "in person, each with their identity document (Civil Code art. 1076).");
            }
        }

        return [byParty[state.PartyA.IdNumber], byParty[state.PartyB.IdNumber]];
    }

    private static void EnsureAppeared(bool appearedInPerson, string who)
    {
        if (!appearedInPerson)
        {
            throw DomainException.Violation("party-must-appear-in-person",
                $"{who} did not appear in person: a divorce by registration is applied for and registered with both " +
                "parties present, neither represented by another (Civil Code art. 1076).");
        }
    }

    private static IEnumerable<string> Lacking(DivorceAgreementContents? contents)
    {
        if (contents?.WishToDivorce != true)
        {
            yield return "the wish to divorce";
        }

        if (contents?.Children != true)
        {
            yield return "the arrangements for the children";
        }

        if (contents?.Property != true)
        {
            yield return "the arrangements for the property";
        }

        if (contents?.Debts != true)
        {
            yield return "the arrangements for the debts";
        }
    }

    private MarriageEvent AddEvent(MarriageEventKind kind, DateOnly effectiveDate, string? office, string? reference,
        string? party, string? court, string? reason, string? details)
    {
        if (presentedLinked.Count > 0)
        {
            // DOMAIN: a party identified by another document of the same person (a renewed passport): the history
            // says which document was presented for which registered one.
            var presented = string.Join(", ", presentedLinked.Select(p =>
                $"{IdentityDocument.Mask(p.Presented)} presented for {IdentityDocument.Mask(p.Party)}"));
            details = details is null ? $"linked document {presented}" : $"{details}; linked document {presented}";
            presentedLinked.Clear();
        }

        var recorded = new MarriageEvent(state.Events.Count + 1, kind, now, actor, effectiveDate, office, reference,
            party, court, reason, details);
        state.Events.Add(recorded);
        return recorded;
    }

    private static void EnsureOpen(DivorceApplicationRecord application)
    {
        var (rule, message) = application.Outcome switch
        {
            DivorceApplicationOutcome.Open => (null, null),
            DivorceApplicationOutcome.Withdrawn => ("divorce-application-withdrawn",
                $"The application was withdrawn on {application.ClosedOn:yyyy-MM-dd}."),
            DivorceApplicationOutcome.DeemedWithdrawn => ("divorce-application-expired",
                $"Neither party appeared by {application.LastDayToAppear:yyyy-MM-dd}: the application is deemed " +
                "withdrawn."),
            DivorceApplicationOutcome.Registered => ("divorce-already-registered",
                $"The divorce was registered on {application.ClosedOn:yyyy-MM-dd} ({application.CertificateNumber})."),
            _ => ("divorce-application-cancelled",
                $"The marriage ended otherwise on {application.ClosedOn:yyyy-MM-dd}; the application was closed."),
        };
        if (rule is not null)
        {
            throw DomainException.Conflict(rule, message!);
        }
    }

    private void EnsureInForce()
    {
        if (state.Status != MarriageStatus.InForce)
        {
            throw DomainException.Violation("marriage-not-current",
                $"Marriage {Id} is not in force ({ApiTerms.Value(state.Status)}, since {state.EndedOn:yyyy-MM-dd}).");
        }
    }

    private string ApplicationId(DivorceApplicationRecord application) =>
        DivorceApplicationId.Format(Id, application.Sequence);

    /// <summary>A party as recorded at registration with every correction applied in history order.</summary>
    private PartyRecord CurrentParty(PartyRecord registered)
    {
        var current = new PartyRecord
        {
            IdNumber = registered.IdNumber,
            Name = registered.Name,
            Nationality = registered.Nationality,
        };
        foreach (var correction in state.Corrections.Where(c => c.PartyIdNumber == registered.IdNumber))
        {
            current.Name = correction.Name ?? current.Name;
            current.Nationality = correction.Nationality ?? current.Nationality;
        }

        return current;
    }

    private PartyDetails ToDetails(PartyRecord registered)
    {
        var party = CurrentParty(registered);
        var (sex, birthDate) = Born(registered);
        return new PartyDetails(party.IdNumber, party.Name, party.Nationality, sex, birthDate)
        {
            PriorStatus = registered.PriorStatus,
        };
    }

    private static PartyRecord ToRecord(MarriageParty party, PartyIdentity id) => new()
    {
        IdNumber = id.Number,
        Name = party.Name.Trim(),
        Nationality = party.Nationality.Trim(),
        DocumentType = id.Document.Type,
        Sex = id.Sex,
        BirthDate = id.BirthDate,
    };

    private CertificateRecord NewCertificate(string number, CertificateKind kind, string holder, string office) => new()
    {
        Number = number,
        Kind = kind,
        HolderIdNumber = holder,
        Office = office,
        IssuedOn = today,
    };
}
