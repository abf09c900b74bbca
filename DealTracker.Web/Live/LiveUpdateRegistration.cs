using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DealTracker.Web.Live;

public static class LiveUpdateRegistration
{
    /// <summary>Live updates per circuit: a circuit whose browser went away stops listening for database changes.</summary>
    public static IServiceCollection AddCircuitLiveUpdates(this IServiceCollection services)
    {
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler, CircuitConnectionHandler>();
        services.AddScoped<CircuitChanges>();
        return services;
    }
}
