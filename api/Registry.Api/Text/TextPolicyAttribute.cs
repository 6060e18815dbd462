namespace Registry.Api.Text;

/// <summary>
/// Sets the <see cref="TextKind"/> and maximum length of a request's string field where the conventions of
/// <see cref="TextPolicy"/> do not fit. On a positional record, put it on the parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextPolicyAttribute(TextKind kind) : Attribute
{
    public TextKind Kind => kind;

    /// <summary>The maximum length in characters (code points); 0 keeps the kind's default.</summary>
    public int MaxLength { get; init; }
}
