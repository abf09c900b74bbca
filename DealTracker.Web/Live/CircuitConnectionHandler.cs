using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DealTracker.Web.Live;

/// <summary>Feeds the circuit's connection state into its scoped <see cref="CircuitConnection"/>.</summary>
public sealed class CircuitConnectionHandler(CircuitConnection connection) : CircuitHandler
{
    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.Set(true);
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.Set(false);
        return Task.CompletedTask;
    }
}
