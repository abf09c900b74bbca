namespace DealTracker.Web.Identity;

/// <summary>What is missing for anyone to sign in, found at startup; the login page shows it.</summary>
public sealed class BootstrapState
{
    public string? Problem { get; set; }
}
