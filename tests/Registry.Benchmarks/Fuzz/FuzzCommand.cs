using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Registry.Abstractions.Organizations;
using Registry.Benchmarks.Organizations;

namespace Registry.Benchmarks.Fuzz;

/// <summary>
/// <c>fuzz --requests N [--seed S] [--concurrency C] [--api-setting KEY=VALUE ...]</c>: starts the built API as a real
/// process (each <c>--api-setting</c> passed to it as configuration, e.g. <c>Registry:Storage:Provider=AzureTable</c>
/// with <c>ConnectionStrings:registry=...</c> to fuzz an Azure Table deployment on Azurite) and sends N requests
/// generated from its OpenAPI document, spread over every operation: plausible and hostile path and query values,
/// Accept and Content-Type headers that admit no JSON, bodies generated from the request schemas and then mutated
/// (wrong types, nulls, extremes, forbidden characters, characters outside the BMP, unknown and duplicate keys), raw
/// malformed bodies, each with a token of one role (or none, or all). Prints the answers counted by status and
/// operation, and fails (exit 1) on any 500 (or other 5xx but 503) and on any 4xx that is not problem+json, except
/// Kestrel's own bodiless refusals of a request it cannot parse (counted apart: no middleware sees those).
/// Reproducible: request i depends only on the seed and i.
/// </summary>
public sealed class FuzzCommand : IBenchmark
{
    private static readonly string[] Roles =
    [
        "admin", "registrar.marriage", "registrar.organizations", "registrar.places", "registrar.boundaries", "gis",
        "organization",
    ];

    private static readonly string[] HostileText =
    [
        "", " ", "x", "-1", "0", "NaN", "1e309", "99999999999999999999999", "\u0000", "A\u0000B", "\u202Eevil",
        "\u200B", "\uE000", "\uFEFF", "\r\n", "😀", "𠀀", "Anli Shan😀", "𠀀𠀁", "../../etc/passwd", "%00", "%",
        "'; DROP TABLE grain_state; --", "<script>", "null", "true", "{}", "[]", "2026-02-30", "181,91", "1,2,3,4,5",
        "J110101-2026-000001", "110101", "110000", "110101001", "\u00e9", "e\u0301", "Ā", "北京", "朝阳区",
    ];

    private static readonly string?[] AcceptHeaders =
    [
        null, null, "application/json", "text/plain", "application/xml", "text/csv", "text/html", "*/*",
        "application/geo+json", "image/png;q=1, */*;q=0", "garbage",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-8",
        "application/geo+json", "text/plain", "application/xml", "application/x-www-form-urlencoded", null,
    ];

    public string Name => "fuzz";

    public string Description => "Generated requests over every OpenAPI operation; fails on any 500";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var requests = IntOption(args, "--requests", 10_000);
        var seed = IntOption(args, "--seed", 20261203);
        var concurrency = IntOption(args, "--concurrency", 8);

        Console.WriteLine($"fuzz: starting the API (requests {requests}, seed {seed}, concurrency {concurrency})");
        var settings = args.Select((arg, i) => (arg, i))
            .Where(p => p.arg == "--api-setting" && p.i + 1 < args.Count)
            .Select(p => "--" + args[p.i + 1])
            .ToList();
        await using var api = await BenchmarkApiProcess.StartAsync(settings, cancellationToken);
        var tokens = Tokens(api);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency };
        using var client = new HttpClient(handler) { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(60) };
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json", cancellationToken))!;
        var generator = new FuzzRequestGenerator(document, HostileText);
        Console.WriteLine($"fuzz: {generator.Operations.Count} operations in the OpenAPI document");

        var byStatus = new ConcurrentDictionary<int, int>();
        var byOperation = new ConcurrentDictionary<string, int>();
        var failures = new ConcurrentQueue<string>();
        var failureCount = 0;
        var notProblem = 0;
        var protocolRefusals = 0;
        var clientErrors = 0;
        var next = -1;
        var stopwatch = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && !cancellationToken.IsCancellationRequested)
            {
                if (i > 0 && i % 10_000 == 0)
                {
                    Console.WriteLine($"fuzz: {i} sent after {stopwatch.Elapsed.TotalSeconds:0} s; answers so far " +
                                      string.Join(", ", byStatus.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}")));
                }

                var random = new Random(HashCode.Combine(seed, i));
                var request = generator.Next(random);
                byOperation.AddOrUpdate(request.Operation, 1, (_, n) => n + 1);
                using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
                var token = tokens[random.Next(tokens.Count)];
                if (token is not null)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (AcceptHeaders[random.Next(AcceptHeaders.Length)] is { } accept)
                {
                    message.Headers.TryAddWithoutValidation("Accept", accept);
                }

                if (request.Body is not null)
                {
                    message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(request.Body));
                    if (ContentTypes[random.Next(ContentTypes.Length)] is { } type)
                    {
                        message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
                    }
                }

                try
                {
                    using var response = await client.SendAsync(message, cancellationToken);
                    var status = (int)response.StatusCode;
                    byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
                    var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                    if (status is >= 400 and < 500 && !problem && response.Headers.ConnectionClose == true
                        && response.Content.Headers.ContentLength == 0)
                    {
                        // Kestrel refused the request while parsing it (e.g. %00 in the path), before any of the
                        // API's code runs; those answers cannot be given a body.
                        Interlocked.Increment(ref protocolRefusals);
                        continue;
                    }

                    if (status >= 500 && status != 503 || status is >= 400 and < 500 && !problem)
                    {
                        if (status < 500)
                        {
                            Interlocked.Increment(ref notProblem);
                        }

                        if (Interlocked.Increment(ref failureCount) <= 30)
                        {
                            var text = await response.Content.ReadAsStringAsync(cancellationToken);
                            failures.Enqueue($"{status} {request.Method} {Cut(request.Url, 200)} " +
                                             $"body {Cut(request.Body, 200)} -> {Cut(text, 300)}");
                        }
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref clientErrors);
                    if (Interlocked.Increment(ref failureCount) <= 30)
                    {
                        failures.Enqueue($"transport {request.Method} {Cut(request.Url, 200)}: {e.Message}");
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        stopwatch.Stop();

        var sent = byStatus.Values.Sum();
        Console.WriteLine($"fuzz: {sent} answers in {stopwatch.Elapsed.TotalSeconds:0.0} s " +
                          $"({sent / stopwatch.Elapsed.TotalSeconds:0} per second), {byOperation.Count} operations hit " +
                          $"of {generator.Operations.Count}, {clientErrors} transport errors");
        foreach (var (status, count) in byStatus.OrderBy(p => p.Key))
        {
            Console.WriteLine($"  {status} {(HttpStatusCode)status,-28} {count,8}");
        }

        var missed = generator.Operations.Select(o => o.Key).Except(byOperation.Keys).ToList();
        foreach (var operation in missed)
        {
            Console.WriteLine($"  never sent: {operation}");
        }

        var fiveHundreds = byStatus.GetValueOrDefault(500);
        Console.WriteLine($"fuzz: 500 answers: {fiveHundreds}; other 5xx but 503: " +
                          $"{byStatus.Where(p => p.Key > 500 && p.Key != 503).Sum(p => p.Value)}; " +
                          $"4xx not problem+json: {notProblem} (besides {protocolRefusals} empty protocol refusals by " +
                          "Kestrel, made before the API's code runs)");
        foreach (var failure in failures)
        {
            Console.WriteLine("  " + failure);
        }

        return failureCount == 0 && missed.Count == 0 && sent == requests ? 0 : 1;
    }

    /// <summary>No token, a token per role, a token with every role, and the organization role with its code.</summary>
    private static List<string?> Tokens(BenchmarkApiProcess api)
    {
        var first17 = "51110101" + "MJ0000001";
        var uscc = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        var tokens = new List<string?> { null, api.Token("fuzz-all", Roles, new Dictionary<string, string> { ["uscc"] = uscc }) };
        tokens.AddRange(Roles.Select(role => api.Token("fuzz-" + role, [role],
            role == "organization" ? new Dictionary<string, string> { ["uscc"] = uscc } : null)));
        tokens.Add("not-a-token");
        return tokens;
    }

    private static string Cut(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + "...";

    private static int IntOption(IReadOnlyList<string> args, string name, int fallback)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count
            ? int.Parse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture)
            : fallback;
    }
}
