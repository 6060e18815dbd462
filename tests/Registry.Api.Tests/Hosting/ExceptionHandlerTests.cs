using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Registry.Abstractions.Errors;
using Registry.Api.ErrorHandling;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// What the API answers for failures that are not the client's: an unavailable cluster or store is a 503 with a
/// Retry-After even when it arrives wrapped (an Orleans exception around a timeout, a fan-out's aggregate), never the
/// 500 that only a defect of the registry may give.
/// </summary>
public sealed class ExceptionHandlerTests
{
    public static TheoryData<string, Exception, int, string> Failures() => new()
    {
        { "timeout", new TimeoutException("Response did not arrive on time"), 503, "cluster-unavailable" },
        { "wrapped timeout", new OrleansException("call failed", new TimeoutException("late")), 503, "cluster-unavailable" },
        { "fan-out", new AggregateException(new InvalidOperationException("a"), new TimeoutException("b")), 503, "cluster-unavailable" },
        { "wrapped store", new OrleansException("Error from storage provider", new StorageUnavailableException("full")), 503, "storage-unavailable" },
        { "fan-out store", new AggregateException(new StorageUnavailableException("busy")), 503, "storage-unavailable" },
        // What a caller gets when the runtime cancels a grain activation that outlasted its timeout on a busy host.
        { "activation cancelled", new TaskCanceledException("A task was canceled."), 503, "cluster-unavailable" },
        { "defect", new InvalidOperationException("Sequence contains no elements"), 500, "internal-error" },
        { "fan-out defect", new AggregateException(new InvalidOperationException("a")), 500, "internal-error" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failure_IsAnsweredWithItsRule(string name, Exception failure, int status, string rule)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new RegistryExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(),
            NullLogger<RegistryExceptionHandler>.Instance);
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = "POST";
        context.Request.Path = "/api/place-names/index/rebuild";
        context.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(context, failure, CancellationToken.None), name);

        Assert.Equal(status, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(rule, body.RootElement.GetProperty("rule").GetString());
        Assert.Equal(status == 503, context.Response.Headers.RetryAfter.Count > 0);
    }
}
