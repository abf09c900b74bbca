using Bunit;
using DealTracker.Data;
using DealTracker.Web.Components.Shared;
using DealTracker.Web.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DealTracker.Tests.Support;

/// <summary>
/// bunit over the real services and a real database of the test class's own. MudBlazor's services are disposed
/// asynchronously, hence <see cref="IAsyncLifetime"/>. <see cref="RenderWithProviders{TComponent}"/> renders a
/// component beside the popover, dialog and snackbar providers its selects, menus, dialogs and snackbars need.
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
        Services.AddCircuitLiveUpdates();
        // Components act as the system unless a test registers another actor (before the first render).
        Services.AddActingUserForTests();
        Data = new TestData(Services);
    }

    /// <summary>Renders as <paramref name="actor"/> from now on (call before rendering): e.g. a Sales user's view.</summary>
    protected void ActAs(DealTracker.Data.Identity.IActingUser actor) =>
        Services.GetRequiredService<ActingUsers.DefaultActor>().Current = actor;

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> with <paramref name="parameters"/> beside MudBlazor's popover, dialog
    /// and snackbar providers. Popovers and dialogs render in the providers, so look things up from the returned host.
    /// </summary>
    protected IRenderedComponent<IComponent> RenderWithProviders<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            foreach (var (name, value) in parameters)
                builder.AddAttribute(4, name, value);
            builder.CloseComponent();
        });

    protected static async Task ClickAsync(IRenderedComponent<IComponent> host, string testId) =>
        await host.Find($"[data-testid={testId}]").ClickAsync(new());

    /// <summary>
    /// Opens the picklist dropdown whose test id is <paramref name="testId"/> and lists what it offers ("[disabled]"
    /// marks values that cannot be chosen).
    /// </summary>
    protected static Task<IReadOnlyList<string>> OptionsAsync(IRenderedComponent<IComponent> host, string testId) =>
        OptionsAsync(host.FindComponents<PicklistSelect>().First(p => p.Instance.TestId == testId));

    /// <summary>Opens <paramref name="picklist"/>'s dropdown and lists what it offers ("[disabled]" marks values that cannot be chosen).</summary>
    protected static async Task<IReadOnlyList<string>> OptionsAsync(IRenderedComponent<PicklistSelect> picklist)
    {
        var select = picklist.FindComponent<MudSelect<string>>();
        await picklist.InvokeAsync(() => select.Instance.OpenMenu());
        IReadOnlyList<string> items = [];
        picklist.WaitForAssertion(() =>
        {
            items = picklist.FindComponents<MudSelectItem<string>>()
                .Select(i => (i.Instance.Value ?? "") + (i.Instance.Disabled ? " [disabled]" : "")).ToList();
            Assert.NotEmpty(items);
        });
        return items;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }
}
