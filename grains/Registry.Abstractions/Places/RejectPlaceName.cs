namespace Registry.Abstractions.Places;

/// <summary>The refusal of a proposal: the reasons given by the approving authority and the date of the decision
/// (today when absent; never in the future).</summary>
[GenerateSerializer, Alias("Registry.Places.RejectPlaceName")]
public sealed record RejectPlaceName(
    [property: Id(0)] string Reasons,
    [property: Id(1)] DateOnly? Date);
