using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Browser;

/// <summary>
/// One Chrome DevTools Protocol connection (the browser's websocket): commands are answered by id, events are handed to
/// the listener of their session (flat sessions: each attached page has a session id).
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly ConcurrentDictionary<string, Action<string, JsonElement>> sessions = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource closing = new();
    private Task? receiving;
    private int lastId;

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint, CancellationToken cancellation)
    {
        var connection = new DevToolsConnection();
        connection.socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection.socket.ConnectAsync(endpoint, cancellation);
        connection.receiving = Task.Run(connection.ReceiveAsync);
        return connection;
    }

    public void Listen(string sessionId, Action<string, JsonElement> onEvent) => sessions[sessionId] = onEvent;

    /// <summary>Sends a command and answers its result; a protocol error is an exception naming the method.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null, string? sessionId = null,
        CancellationToken cancellation = default)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var message = new JsonObject
        {
            ["id"] = id,
            ["method"] = method,
            ["params"] = parameters is null ? new JsonObject() : JsonSerializer.SerializeToNode(parameters),
        };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await sending.WaitAsync(cancellation);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellation);
        }
        finally
        {
            sending.Release();
        }

        using var registration = cancellation.Register(() => answer.TrySetCanceled(cancellation));
        return await answer.Task;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var part = await socket.ReceiveAsync(buffer, closing.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                Dispatch(JsonDocument.Parse(message.ToArray()).RootElement.Clone());
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // closed: every pending command fails below
        }

        foreach (var (_, answer) in pending)
        {
            answer.TrySetException(new InvalidOperationException("The browser closed the DevTools connection."));
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            if (pending.TryRemove(id.GetInt32(), out var answer))
            {
                if (message.TryGetProperty("error", out var error))
                {
                    answer.TrySetException(new InvalidOperationException($"DevTools error: {error}"));
                }
                else
                {
                    answer.TrySetResult(message.GetProperty("result"));
                }
            }

            return;
        }

        if (message.TryGetProperty("sessionId", out var session) &&
            sessions.TryGetValue(session.GetString()!, out var listener))
        {
            listener(message.GetProperty("method").GetString()!,
                message.TryGetProperty("params", out var parameters) ? parameters : default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await closing.CancelAsync();
        if (receiving is not null)
        {
            await receiving;
        }

        socket.Dispose();
        closing.Dispose();
        sending.Dispose();
    }
}
