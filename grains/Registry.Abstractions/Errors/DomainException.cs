namespace Registry.Abstractions.Errors;

/// <summary>
/// A refusal by a business rule, thrown by grains and carried across the Orleans boundary. <see cref="Rule"/> is a
/// stable kebab-case name a client can branch on (e.g. <c>division-change-order</c>); nothing is changed when it is
/// thrown.
/// </summary>
[GenerateSerializer, Alias("Registry.Errors.DomainException")]
public sealed class DomainException : Exception
{
    public DomainException(DomainErrorKind kind, string rule, string message, string? field = null)
        : base(message)
    {
        Kind = kind;
        Rule = rule;
        Field = field;
    }

    [Id(0)]
    public DomainErrorKind Kind { get; }

    [Id(1)]
    public string Rule { get; }

    /// <summary>The request field at fault, for <see cref="DomainErrorKind.Invalid"/>; otherwise null.</summary>
    [Id(2)]
    public string? Field { get; }

    public static DomainException Invalid(string rule, string field, string message) =>
        new(DomainErrorKind.Invalid, rule, message, field);

    public static DomainException NotFound(string rule, string message) =>
        new(DomainErrorKind.NotFound, rule, message);

    public static DomainException Conflict(string rule, string message) =>
        new(DomainErrorKind.Conflict, rule, message);

    public static DomainException Violation(string rule, string message) =>
        new(DomainErrorKind.RuleViolation, rule, message);

    public static DomainException Forbidden(string rule, string message) =>
        new(DomainErrorKind.Forbidden, rule, message);
}
