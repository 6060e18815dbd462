namespace Registry.Api.Hosting.OpenApi;

/// <summary>
/// Every resource's documentation table, merged, and the rules every operation of a kind can answer. The OpenAPI
/// filters read only this; a test walks the generated document and fails for anything left undescribed, so an
/// endpoint added without its row is caught.
/// </summary>
public static class ContractDocumentation
{
    /// <summary>Every table, one per resource.</summary>
    public static IReadOnlyList<ResourceDocs> Resources { get; } =
    [
        DivisionDocs.Table, BoundaryDocs.Table, SpatialDocs.Table, OgcDocs.Table, OrganizationDocs.Table,
        PlaceNameDocs.Table, MarriageDocs.Table, HealthDocs.Table, StatisticsDocs.Table,
    ];

    public static IReadOnlyDictionary<string, OperationDoc> Operations { get; } =
        Resources.SelectMany(r => r.Operations).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Parameters { get; } =
        Resources.SelectMany(r => r.Parameters).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public static IReadOnlyDictionary<Type, RequestDoc> Requests { get; } =
        Resources.SelectMany(r => r.Requests).ToDictionary(p => p.Key, p => p.Value);

    public static IReadOnlyDictionary<string, Func<ExampleValues, object>> RawBodies { get; } =
        Resources.SelectMany(r => r.RawBodies).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>Rules any operation can answer: the cluster did not answer in time (503).</summary>
    public static IReadOnlyList<string> AnyOperation { get; } = ["cluster-unavailable"];

    /// <summary>Rules of an operation with path parameters: a value no identifier here can have.</summary>
    public static IReadOnlyList<string> WithPathParameters { get; } = ["path-parameter-invalid"];

    /// <summary>Rules of an operation with a number or yes/no query parameter: a value that reads as neither, or
    /// given twice (<see cref="ErrorHandling.TypedQueryChecks"/>).</summary>
    public static IReadOnlyList<string> WithTypedQuery { get; } = ["query-value"];

    /// <summary>Rules of an operation that needs a token: none or a bad one (401), a role not allowed (403).</summary>
    public static IReadOnlyList<string> Secured { get; } = ["authentication-required", "role-required"];

    /// <summary>Rules of an operation that reads a JSON body.</summary>
    public static IReadOnlyList<string> WithBody { get; } =
        ["malformed-json", "body-required", "body-too-large", "unsupported-media-type", "field-required"];

    /// <summary>Rules of an operation that changes something: the record changed under it, or could not be stored.</summary>
    public static IReadOnlyList<string> Change { get; } = ["concurrent-update", "storage-unavailable"];

    /// <summary>Every rule listed for at least one kind of operation, for tests and readers.</summary>
    public static IReadOnlyList<string> CommonRules { get; } =
        [.. AnyOperation, .. WithPathParameters, .. WithTypedQuery, .. Secured, .. WithBody, .. Change];

    // The table each operation is documented in, by operation id.
    private static readonly IReadOnlyDictionary<string, ResourceDocs> TableOf = Resources
        .SelectMany(r => r.Operations.Keys.Select(id => KeyValuePair.Create(id, r)))
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>A parameter's description: the operation's own, else what the operation's own resource says of that
    /// name. Never another resource's: a marriage's <c>id</c> is not a place name's, nor a certificate's
    /// <c>number</c> a boundary line's.</summary>
    public static string? ParameterDescription(string operationId, string name) =>
        Parameters.TryGetValue(operationId + ":" + name, out var own) ? own
        : TableOf.TryGetValue(operationId, out var table) && table.Parameters.TryGetValue(name, out var shared)
            ? shared
            : null;
}
