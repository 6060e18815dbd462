using Orleans.Concurrency;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Organizations;

/// <summary>
/// One social organization, keyed by its Unified Social Credit Code (18 upper-case characters). Every change is
/// kept in the history with who, when and why; nothing is deleted. Commands are not idempotent unless said: a
/// repeat is refused by the rule it breaks (e.g. a second report for a year). Before any command the deadlines
/// that have passed are applied, so the record's lists are always as of today. Unknown codes answer
/// <c>organization-not-found</c>.
/// </summary>
[Alias("Registry.Organizations.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithStringKey, IPublishingGrain
{
    /// <summary>Registers the organization; the key must equal <see cref="RegisterOrganization.Uscc"/>.</summary>
    Task<OrganizationDetails> RegisterAsync(RegisterOrganization command);

    /// <summary>
    /// Enters the organization from the existing register, registered on <see cref="ImportOrganization.RegisteredOn"/>
    /// with the status and grade the register holds. Idempotent: a record entered by an earlier import answers
    /// <see cref="ImportOutcome.AlreadyStored"/> and is not overwritten; one registered through the registry is
    /// refused (<c>organization-already-registered</c>).
    /// </summary>
    Task<ImportOutcome> ImportAsync(ImportOrganization command);

    [ReadOnly]
    Task<OrganizationDetails> GetAsync();

    /// <summary>Every recorded event, oldest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<OrganizationEvent>> GetHistoryAsync();

    /// <summary>Changes name, legal representative, address or business scope.</summary>
    Task<OrganizationDetails> ChangeAsync(ChangeOrganization command);

    /// <summary>Deregisters today; the name becomes free in the office, the record stays readable.</summary>
    Task<OrganizationDetails> DeregisterAsync(DeregisterOrganization command);

    /// <summary>
    /// Files the report for a year (one per year) inside the filing window of the registering office; the year's
    /// draft, if any, is removed in the same write.
    /// </summary>
    Task<AnnualReportDetails> FileAnnualReportAsync(FileAnnualReport command);

    /// <summary>
    /// Saves the draft of a year's report without submitting it (replacing an earlier draft); refused once the
    /// year's report is filed. Drafts are not part of the public record or the history.
    /// </summary>
    Task<AnnualReportDraftDetails> SaveAnnualReportDraftAsync(SaveAnnualReportDraft command);

    /// <summary>The draft of a year's report (<c>annual-report-draft-not-found</c> when there is none).</summary>
    [ReadOnly]
    Task<AnnualReportDraftDetails> GetAnnualReportDraftAsync(int year);

    /// <summary>Adds a corrected version of a report not yet inspected.</summary>
    Task<AnnualReportDetails> CorrectAnnualReportAsync(CorrectAnnualReport command);

    /// <summary>The report for a year with every version (financial detail).</summary>
    [ReadOnly]
    Task<AnnualReportDetails> GetAnnualReportAsync(int year);

    /// <summary>Records the inspection of a filed report; a fail lists the organization as abnormal.</summary>
    Task<InspectionResult> RecordInspectionAsync(RecordInspection command);

    /// <summary>
    /// Lists the organization as abnormal because it cannot be reached at its registered address; refused while it
    /// is listed on that ground already. Returns the new entry.
    /// </summary>
    Task<ListEntry> RecordUnreachableAsync(RecordUnreachable command);

    /// <summary>Takes the organization off a list by registrar decision; returns the entries closed.</summary>
    Task<IReadOnlyList<ListEntry>> RemoveFromListAsync(RemoveFromList command);

    /// <summary>
    /// Records a grade evaluation valid five years: only two full years after registration, with the last inspection
    /// passed, off every list, and no grade in force.
    /// </summary>
    Task<GradeEvaluation> EvaluateGradeAsync(EvaluateGrade command);

    /// <summary>
    /// Records an administrative penalty decision; a revocation ends the organization (its grade ends, it is put on
    /// the serious-dishonesty list, its name is freed). A decision number already recorded is refused.
    /// </summary>
    Task<Penalty> ImposePenaltyAsync(ImposePenalty command);

    /// <summary>Puts the organization on the serious-dishonesty list by decision; its grade in force ends.</summary>
    Task<ListEntry> ListAsSeriouslyDishonestAsync(ListAsSeriouslyDishonest command);

    /// <summary>
    /// Applies every deadline that has passed by the bureau's today and not been applied: listing for reports not
    /// filed when a window closed, escalation after two years on the abnormal list, the revocation flag. Each is
    /// applied exactly once and dated on its deadline, however late this runs; the durable reminder calls it.
    /// Returns the events it recorded (none when nothing was due). Idempotent.
    /// </summary>
    Task<IReadOnlyList<OrganizationEvent>> ApplyDeadlinesAsync();

    /// <summary>
    /// Whether this organization holds, or is at this moment claiming, the name key (see
    /// <see cref="IOrganizationNameGrain"/>). Interleaves with a running command so a name grain can ask while this
    /// organization waits on it.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> HoldsNameAsync(string claimKey);
}
