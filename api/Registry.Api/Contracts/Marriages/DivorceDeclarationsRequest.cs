namespace Registry.Api.Contracts.Marriages;

/// <summary>What one party declares under their own signature: that they want the divorce of their own free will
/// (<c>voluntary</c>) and that what they presented is true (<c>truthful</c>). Each must be true.</summary>
public sealed record DivorceDeclarationsRequest(bool? Voluntary, bool? Truthful);
