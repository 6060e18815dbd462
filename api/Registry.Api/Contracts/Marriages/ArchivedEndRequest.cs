using Registry.Abstractions.Marriages;
using Registry.Api.Text;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// How a marriage entered from the archive ended, as its paper record shows: <c>kind</c>
/// (<c>divorce-registration</c>, <c>court-divorce</c>, <c>death</c>, <c>annulment</c>), the day it ended
/// (<c>endedOn</c>: the registration's day, the day a judgment or mediation took effect, the day of death, the
/// annulment's date), the document's number (<c>reference</c>: the L certificate number, the case number, the death
/// record's number) and who issued it (<c>authority</c>: the registering office's division code for a divorce
/// registration, otherwise the court or the issuer). A death names the party who died (<c>partyIdNumber</c>, as the
/// entry gives their document, or <c>partyA</c> / <c>partyB</c>, the only way to name a party with no document
/// recorded).
/// </summary>
public sealed record ArchivedEndRequest(
    ArchivedEndKind? Kind,
    DateOnly? EndedOn,
    [TextPolicy(TextKind.Line)] string? Reference,
    [TextPolicy(TextKind.Line)] string? Authority,
    string? PartyIdNumber);
