namespace Registry.Abstractions.Divisions;

/// <summary>
/// Records one approved change across every division it touches, keyed by an operation id the caller derives from
/// the change itself (so a retried request is the same operation). Every division's part is checked before any is
/// applied; the plan is stored first and resumed on the next activation if applying stops half-way. Idempotent: the
/// same change again returns the stored result; a different change under the same key is refused.
/// </summary>
[Alias("Registry.Divisions.IDivisionChangeGrain")]
public interface IDivisionChangeGrain : IGrainWithStringKey
{
    /// <summary>Checks, stores and applies the change; throws the rule it breaks (naming a contradicting change).</summary>
    Task<DivisionChangeResult> RecordAsync(DivisionChange change);
}
