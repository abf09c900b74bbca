using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealTracker.LoadDriver;

/// <summary>
/// One Blazor Server circuit without a browser: it loads the prerendered page with the user's cookie, opens the
/// <c>/_blazor</c> hub with the "blazorpack" protocol, starts the circuit and adds the page's root components as
/// blazor.web.js does, acknowledges every render batch (handing its strings to <see cref="BatchReceived"/>) and
/// answers every JS interop call with an empty success so the page never waits on a browser.
/// </summary>
public sealed class HeadlessCircuit : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<string> _errors = new();
    private long _nextJsObjectId;
    private int _batches;
    private string? _secret;

    private HeadlessCircuit(string name, SignedInUser user, HubConnection connection)
    {
        Name = name;
        User = user;
        _connection = connection;
    }

    public string Name { get; }
    public SignedInUser User { get; }

    /// <summary>Raised on the connection's receive loop for every render batch: its strings and the Stopwatch timestamp it arrived.</summary>
    public event Action<HeadlessCircuit, IReadOnlyList<string>, long>? BatchReceived;

    public int Batches => Volatile.Read(ref _batches);
    public IReadOnlyCollection<string> Errors => _errors;
    public bool IsConnected => _connection.State == HubConnectionState.Connected;

    /// <summary>Opens <paramref name="path"/> for <paramref name="user"/>; returns once the circuit has rendered its first batch.</summary>
    public static async Task<HeadlessCircuit> StartAsync(SignedInUser user, string path, string name, Action<HeadlessCircuit>? configure, CancellationToken ct)
    {
        var pageUri = new Uri(user.BaseUrl, path);
        using var response = await user.Http.GetAsync(pageUri, ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{name}: GET {path} answered {(int)response.StatusCode}.");
        var page = PrerenderedPage.Parse(await response.Content.ReadAsStringAsync(ct));
        if (page.ServerMarkers.Count == 0)
            throw new InvalidOperationException($"{name}: {path} has no interactive server component to start (signed out?).");

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(user.BaseUrl, "_blazor"), o =>
            {
                o.Cookies = user.Cookies;
                o.Transports = HttpTransportType.WebSockets;
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackHubProtocol>();
        var circuit = new HeadlessCircuit(name, user, builder.Build());
        configure?.Invoke(circuit);
        var firstBatch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        circuit.BatchReceived += (_, _, _) => firstBatch.TrySetResult();
        circuit.Listen();
        try
        {
            await circuit._connection.StartAsync(ct);
            var secret = await circuit._connection.InvokeAsync<string?>("StartCircuit",
                user.BaseUrl.ToString(), pageUri.ToString(), "[]", "", ct);
            if (string.IsNullOrEmpty(secret))
                throw new InvalidOperationException($"{name}: the server refused to start a circuit ({string.Join("; ", circuit._errors)}).");
            circuit._secret = secret;
            await circuit._connection.SendAsync("UpdateRootComponents", page.AddOperationsJson(), page.ApplicationState, ct);
            await firstBatch.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    private void Listen()
    {
        _connection.On<long, byte[]>("JS.RenderBatch", async (batchId, data) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            IReadOnlyList<string> strings;
            try
            {
                strings = RenderBatchStrings.Read(data);
            }
            catch (InvalidDataException e)
            {
                _errors.Enqueue($"batch {batchId}: {e.Message}");
                await _connection.SendAsync("OnRenderCompleted", batchId, e.Message);
                return;
            }
            Interlocked.Increment(ref _batches);
            BatchReceived?.Invoke(this, strings, arrived);
            await _connection.SendAsync("OnRenderCompleted", batchId, (string?)null);
        });
        // asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType
        _connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)],
            (args, _) => AnswerJsCallAsync((long)args[0]!, (int)args[3]!), this);
        _connection.On<string>("JS.Error", error => _errors.Enqueue($"server: {error}"));
        _connection.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], (_, _) => Task.CompletedTask, this);
        _connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        _connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        _connection.On<string, string, string>("JS.SavePersistedState", (_, _, _) => { });
        _connection.On<int, bool, string>("JS.EndLocationChanging", (_, _, _) => { });
        _connection.Closed += e =>
        {
            if (e is not null)
                _errors.Enqueue($"connection closed: {e.Message}");
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// Answers a JS call as a browser whose functions all return nothing would: void and value calls get null, calls
    /// that return a JS object (module imports) get a fresh object reference, so the page carries on.
    /// </summary>
    private Task AnswerJsCallAsync(long asyncHandle, int resultType)
    {
        if (asyncHandle == 0)
            return Task.CompletedTask; // fire and forget: the caller wants no answer
        object? result = resultType == 1 ? new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref _nextJsObjectId) } : null;
        var json = JsonSerializer.Serialize(new object?[] { asyncHandle, true, result });
        return _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, json);
    }

    /// <summary>
    /// Closes the circuit as a closing tab does: stops the connection, then tells the server the circuit is over
    /// (<c>_blazor/disconnect</c>), which otherwise keeps it for minutes in case the browser comes back.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _connection.StopAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
        if (_secret is null)
            return;
        try
        {
            using var form = new MultipartFormDataContent { { new StringContent(_secret), "circuitId" } };
            using var response = await User.Http.PostAsync("_blazor/disconnect", form);
        }
        catch (HttpRequestException)
        {
            // The server is gone already: nothing is left to free.
        }
    }
}
