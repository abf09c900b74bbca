using Bunit;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Tests.Components;

/// <summary>Renders a page with the popover and dialog providers its selects and dialogs need.</summary>
public abstract class FormTestBase : ComponentTestBase
{
    // Pages load from a real database, on a machine shared with other builds: give them time to render.
    protected FormTestBase() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected IRenderedComponent<IComponent> RenderPage<TPage>(params (string Name, object? Value)[] parameters) where TPage : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<TPage>(2);
            foreach (var (name, value) in parameters)
                builder.AddAttribute(3, name, value);
            builder.CloseComponent();
        });

    protected static async Task ClickAsync(IRenderedComponent<IComponent> host, string testId) =>
        await host.Find($"[data-testid={testId}]").ClickAsync(new());

    /// <summary>Opens a picklist dropdown and lists what it offers ("[disabled]" marks values that cannot be chosen).</summary>
    protected static async Task<IReadOnlyList<string>> OptionsAsync(IRenderedComponent<IComponent> host, string testId)
    {
        var picklist = host.FindComponents<PicklistSelect>().First(p => p.Instance.TestId == testId);
        var select = picklist.FindComponent<MudSelect<string>>();
        await picklist.InvokeAsync(() => select.Instance.OpenMenu());
        IReadOnlyList<string> items = [];
        host.WaitForAssertion(() =>
        {
            items = picklist.FindComponents<MudSelectItem<string>>()
                .Select(i => (i.Instance.Value ?? "") + (i.Instance.Disabled ? " [disabled]" : "")).ToList();
            Assert.NotEmpty(items);
        });
        return items;
    }
}
