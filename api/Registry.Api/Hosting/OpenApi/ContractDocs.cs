namespace Registry.Api.Hosting.OpenApi;

/// <summary>What the OpenAPI document says about one operation beyond its route: what it does, and the problem
/// <c>rule</c>s it can answer besides the common ones (<see cref="ContractDocumentation.CommonRules"/>).</summary>
public sealed record OperationDoc(string Description, IReadOnlyList<string> Rules);

/// <summary>A request body: an example that the operation accepts (Swagger UI's Try it out starts from it) and the
/// fields the operation refuses to go without (400 <c>field-required</c>).</summary>
public sealed record RequestDoc(Func<ExampleValues, object> Example, IReadOnlyList<string> Required);

/// <summary>
/// The documentation table of one resource: its operations by operation id (the endpoint's name), its parameters
/// by name (or <c>OperationId:name</c> where one operation means something else by it), its request bodies by type.
/// </summary>
public sealed class ResourceDocs
{
    public required IReadOnlyDictionary<string, OperationDoc> Operations { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<Type, RequestDoc> Requests { get; init; } = new Dictionary<Type, RequestDoc>();

    /// <summary>Examples of bodies that have no request type (read as raw JSON), by operation id.</summary>
    public IReadOnlyDictionary<string, Func<ExampleValues, object>> RawBodies { get; init; } =
        new Dictionary<string, Func<ExampleValues, object>>();

    public static OperationDoc Op(string description, params string[] rules) => new(description, rules);

    public static RequestDoc Body(Func<ExampleValues, object> example, params string[] required) =>
        new(example, required);
}
