namespace Registry.Grains.Divisions;

/// <summary>A change operation already applied here and the event it recorded, so a resumed step is not applied
/// twice.</summary>
public sealed record AppliedStep(string OperationId, int EventSequence);
