using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace DealTracker.LoadDriver;

/// <summary>
/// The hub protocol Blazor Server speaks: SignalR's MessagePack protocol under the name "blazorpack", exactly as
/// blazor.web.js sets it up (it renames the MessagePack protocol the same way).
/// </summary>
public sealed class BlazorPackHubProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);
}
