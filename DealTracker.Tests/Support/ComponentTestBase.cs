using Bunit;
using DealTracker.Data;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace DealTracker.Tests.Support;

/// <summary>
/// bunit over the real services and a real database of the test class's own. MudBlazor's services are disposed
/// asynchronously, hence <see cref="IAsyncLifetime"/>; render <c>MudPopoverProvider</c> for selects and menus.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    protected string ConnectionString { get; private set; } = "";
    protected TestData Data { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        // WaitForAssertion waits for a condition; on a busy 2-core CI machine the first render over a real database
        // can take longer than bunit's 1 s default.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        ConnectionString = await PostgresServer.CreateDatabaseAsync(GetType().Name);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLogging();
        Services.AddDealTrackerData(ConnectionString);
        // Components act as the system unless a test registers another actor (before the first render).
        Services.AddActingUserForTests();
        Data = new TestData(Services);
    }

    /// <summary>Renders as <paramref name="actor"/> from now on (call before rendering): e.g. a Sales user's view.</summary>
    protected void ActAs(DealTracker.Data.Identity.IActingUser actor) =>
        Services.GetRequiredService<ActingUsers.DefaultActor>().Current = actor;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}
