using DealTracker.Data.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Support;

/// <summary>
/// Tests act as the system unless they say otherwise: the actor is registered explicitly, per scope, so one test
/// can call the same services as a Sales user, a manager and the system side by side.
/// </summary>
public static class ActingUsers
{
    private sealed class Holder
    {
        public IActingUser Actor { get; set; } = ActingUser.System;
    }

    public static IServiceCollection AddActingUserForTests(this IServiceCollection services)
    {
        services.AddScoped<Holder>();
        services.AddScoped<IActingUser>(sp => sp.GetRequiredService<Holder>().Actor);
        return services;
    }

    /// <summary>A new scope whose services act as <paramref name="actor"/>.</summary>
    public static IServiceProvider As(this IServiceProvider services, IActingUser actor)
    {
        var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Holder>().Actor = actor;
        return scope.ServiceProvider;
    }
}
