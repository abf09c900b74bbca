using DealTracker.Data;
using DealTracker.Data.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Microsoft.Extensions.Logging;
using MudBlazor.Services;

namespace DealTracker.Benchmarks;

/// <summary>The app's data services (and MudBlazor's, for rendering), acting as one given user.</summary>
public static class Services
{
    public static ServiceProvider Build(string connectionString, IActingUser actor)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddDealTrackerData(connectionString);
        services.AddSingleton(actor);
        services.AddMudServices();
        // What a circuit would provide, for rendering components outside one (HtmlRenderer).
        services.AddScoped<NavigationManager, ServerNavigation>();
        services.AddScoped<IJSRuntime, NoBrowser>();
        return services.BuildServiceProvider();
    }

    private sealed class ServerNavigation : NavigationManager
    {
        public ServerNavigation() => Initialize("http://localhost/", "http://localhost/pipeline");

        protected override void NavigateToCore(string uri, NavigationOptions options) { }
    }

    /// <summary>Server-side rendering has no browser: interop calls (which components make after rendering) do nothing.</summary>
    private sealed class NoBrowser : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult(default(TValue)!);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromResult(default(TValue)!);
    }
}
