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
        public required IActingUser Actor { get; set; }
    }

    /// <summary>The actor outside any <see cref="As"/> scope: the system unless a test switches it.</summary>
    public sealed class DefaultActor : IActingUser
    {
        public IActingUser Current { get; set; } = ActingUser.System;
        public long? UserId => Current.UserId;
        public bool IsManagerOrAdmin => Current.IsManagerOrAdmin;
        public bool IsAdmin => Current.IsAdmin;
    }

    public static IServiceCollection AddActingUserForTests(this IServiceCollection services)
    {
        services.AddSingleton<DefaultActor>();
        services.AddScoped(sp => new Holder { Actor = sp.GetRequiredService<DefaultActor>() });
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
