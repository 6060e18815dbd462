using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Marriages;

/// <summary>A divorce application whose parties are due to appear: its id, marriage record, both parties'
/// documents (masked), the end of its cooling-off and <c>lastDayToAppear</c>, the deadline after which it is deemed
/// withdrawn.</summary>
public sealed record DueApplicationResponse(
    string ApplicationId,
    string MarriageId,
    string PartyA,
    string PartyB,
    DateOnly CoolingOffEnds,
    DateOnly LastDayToAppear)
{
    public static DueApplicationResponse From(OfficeDayEntry e) =>
        new(e.Reference, e.MarriageId, IdentityDocument.Mask(e.PartyAIdNumber), IdentityDocument.Mask(e.PartyBIdNumber),
            e.CoolingOffEnds!.Value, e.LastDayToAppear!.Value);
}
