namespace DealTracker.Web.Live;

/// <summary>
/// Whether this circuit's browser is connected right now, kept by <see cref="CircuitConnectionHandler"/>. A circuit
/// whose browser went away lives on for minutes in case it comes back; meanwhile nobody sees what it would render.
/// Outside a circuit (prerendering) it stays up.
/// </summary>
public sealed class CircuitConnection
{
    public bool IsUp { get; private set; } = true;

    /// <summary>Raised on the circuit's dispatcher when the connection goes down (false) or comes back (true).</summary>
    public event Action<bool>? Changed;

    public void Set(bool up)
    {
        if (IsUp == up)
            return;
        IsUp = up;
        Changed?.Invoke(up);
    }
}
