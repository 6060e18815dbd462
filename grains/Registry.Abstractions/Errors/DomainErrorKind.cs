namespace Registry.Abstractions.Errors;

/// <summary>How a domain error maps onto an HTTP answer; the API owns the mapping.</summary>
[GenerateSerializer, Alias("Registry.Errors.DomainErrorKind")]
public enum DomainErrorKind
{
    /// <summary>The input is malformed or a field is invalid (400).</summary>
    Invalid = 0,

    /// <summary>The caller may not do this to this record (403).</summary>
    Forbidden = 1,

    /// <summary>The record does not exist (404).</summary>
    NotFound = 2,

    /// <summary>The request collides with the current state of a record (409).</summary>
    Conflict = 3,

    /// <summary>A business rule refuses the request (422).</summary>
    RuleViolation = 4,
}
