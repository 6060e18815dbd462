using Orleans.Concurrency;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Marriages;

/// <summary>
/// One marriage record, keyed by its generated id (<see cref="MarriageId"/>), and the coordinator of its own
/// registration. The record is the single source of truth for the marriage's status: divorce applications,
/// certificates and court judgments live in it and are appended to its history, never edited in place. Divorce
/// deadlines are applied by a durable reminder.
/// Errors are <see cref="Errors.DomainException"/>s naming the rule; nothing is stored when one is thrown.
/// </summary>
[Alias("Registry.Marriages.IMarriageGrain")]
public interface IMarriageGrain : IGrainWithStringKey, IPublishingGrain
{
    /// <summary>
    /// Registers the marriage under this (new) id: validates both parties and the office, reserves both persons,
    /// takes the next J serial of the office and year, and stores the record. Returns once the record is durable.
    /// Not idempotent: a second call on the same id is refused (<c>marriage-id-taken</c>).
    /// </summary>
    Task<MarriageRegistration> RegisterAsync(RegisterMarriage command);

    /// <summary>
    /// Enters a marriage from the archive under this id (<see cref="MarriageId.FromArchive"/> of its certificate
    /// number): the parties are held and the record committed exactly as a registration (so it counts for the
    /// never-twice rule), dated and numbered as the paper record is, and marked as entered from the archive.
    /// Idempotent: the same entry again answers the stored record; a different one under the same number is
    /// refused (<c>archive-record-differs</c>).
    /// </summary>
    Task<MarriageRegistration> EnterFromArchiveAsync(EnterArchivedMarriage command);

    /// <summary>The record, with both parties' data; the read is written to the access log.</summary>
    Task<MarriageDetails> GetAsync();

    /// <summary>Internal: what person records derive marital status from. Not logged (no data leaves the
    /// cluster through it); <c>marriage-not-found</c> unless registered.</summary>
    [ReadOnly]
    Task<MarriageSummary> GetSummaryAsync();

    /// <summary>
    /// Internal: whether the registration that created this record committed, asked by a person record that holds a
    /// reservation for it. Interleaves with a running registration (answering
    /// <see cref="RegistrationOutcome.InProgress"/>), so a person record asking never waits on the registration
    /// waiting on it. When the registration is neither committed nor running (it failed, or the silo crashed), records
    /// the abort durably first, so it can never commit later. Idempotent.
    /// </summary>
    [AlwaysInterleave]
    Task<RegistrationOutcome> GetRegistrationOutcomeAsync();

    /// <summary>Receives a divorce application; refused unless the marriage is in force and has no open
    /// application. Returns the receipt with the cooling-off end and the last day to appear.</summary>
    Task<DivorceApplicationDetails> ApplyForDivorceAsync(ApplyForDivorce command);

    /// <summary>Application <paramref name="sequence"/> of this marriage, status as of today.</summary>
    Task<DivorceApplicationDetails> GetDivorceApplicationAsync(int sequence);

    /// <summary>Withdraws an application during its cooling-off period, at one party's request.</summary>
    Task<DivorceApplicationDetails> WithdrawDivorceApplicationAsync(int sequence, WithdrawDivorceApplication command);

    /// <summary>Registers the divorce of an application inside its window at its office: issues the L certificate
    /// and ends the marriage.</summary>
    Task<DivorceRegistration> RegisterDivorceAsync(int sequence, RegisterDivorce command);

    /// <summary>Recomputes the deadlines of the open divorce application that were provisional in
    /// <paramref name="year"/>, now that its holiday calendar is loaded: only ever later, recorded in the history.
    /// Returns how many applications were recomputed (0 when none is provisional in that year: idempotent).</summary>
    [Alias("RecomputeDeadlinesAsync")]
    Task<int> RecomputeDeadlinesAsync(int year);

    /// <summary>Issues a replacement (BJ or BL) of one party's current certificate; the old number stays on
    /// record, marked void.</summary>
    Task<CertificateDetails> ReplaceCertificateAsync(ReplaceCertificate command);

    /// <summary>Records a court judgment as a new history entry; refused if its reference is already
    /// recorded. Annulment and voidness void the marriage from the start; a divorce judgment or mediation dissolves
    /// it from its effective date; a declaration of death ends it (the survivor widowed) and its revocation revives
    /// it unless the spouse has remarried or declines (Civil Code art. 51). Ending judgments mark the J certificates
    /// void with the reason and cancel an open divorce application.</summary>
    Task<MarriageEvent> RecordJudgmentAsync(CourtJudgment judgment);

    /// <summary>Records a party's death (death certificate or household deregistration) as a new history entry:
    /// the marriage ends on the day of death, the survivor is widowed. Refused unless the marriage is in
    /// force.</summary>
    Task<MarriageEvent> RecordDeathAsync(RecordDeath command);

    /// <summary>The booklets this record issued under certificate <paramref name="number"/> and the marriage's
    /// standing; <c>certificate-not-found</c> (404) when it issued no such number. Read-only.</summary>
    [ReadOnly]
    Task<CertificateVerification> VerifyCertificateAsync(string number);

    /// <summary>
    /// Marks every open divorce application whose last day to appear is before today as deemed withdrawn, and
    /// stores that. Called by the marriage's reminder; idempotent (an application is deemed withdrawn once).
    /// Returns how many applications this call changed.
    /// </summary>
    Task<int> ApplyDeadlinesAsync();

    /// <summary>
    /// Sends this record's current committed state to every read model in full, also what this activation has sent
    /// before (<see cref="IPublishingGrain.PublishAsync"/> sends only what it has not): for a bulk publication
    /// that may have sent an older version after this record's own publication of a newer one. Idempotent; nothing
    /// for a record never stored. Throws when a read model could not be reached.
    /// </summary>
    Task RepublishAsync();
}
