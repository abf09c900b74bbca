using Bunit;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Shared;
using MudBlazor;

namespace DealTracker.Tests.Components;

public sealed class OwnerPickerTests : ComponentTestBase
{
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderPicker(long? value) =>
        RenderWithProviders<OwnerPicker>((nameof(OwnerPicker.Value), value));

    private static async Task<IReadOnlyList<string>> OwnersOfferedAsync(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> cut)
    {
        // The picker is disabled until its owners are read; a click before that would open nothing. Wait for the
        // select itself to be enabled (its parameter, not a CSS class), then open it as a click does.
        var select = cut.FindComponent<MudSelect<long>>();
        cut.WaitForAssertion(() => Assert.False(select.Instance.Disabled));
        await cut.InvokeAsync(() => select.Instance.OpenMenu());
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-popover-open .mud-list-item")));
        return cut.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task Sales_pick_themselves_or_nobody_while_managers_pick_anyone()
    {
        var me = await Services.CreateUserAsync(Roles.Sales, "Avery Mine");
        await Services.CreateUserAsync(Roles.Sales, "Blake Other");
        ActAs(ActingUser.Sales(me));

        var options = await OwnersOfferedAsync(RenderPicker(null));

        Assert.Contains("Unassigned", options);
        Assert.Contains("Avery Mine", options);
        Assert.DoesNotContain("Blake Other", options);
    }

    [Fact]
    public async Task Managers_pick_any_active_user()
    {
        await Services.CreateUserAsync(Roles.Sales, "Casey Anyone");
        ActAs(ActingUser.Manager(await Services.CreateUserAsync(Roles.Manager, "Drew Boss")));

        var options = await OwnersOfferedAsync(RenderPicker(null));

        Assert.Contains("Casey Anyone", options);
        Assert.Contains("Drew Boss", options);
    }

    [Fact]
    public void The_badge_shows_initials_and_name_or_unassigned()
    {
        Assert.Equal("SS", OwnerBadge.Initials("Sam Seller"));
        Assert.Contains("Unassigned", Render<OwnerBadge>().Markup);
        Assert.Contains("Sam Seller", Render<OwnerBadge>(p => p.Add(b => b.Name, "Sam Seller")).Markup);
    }
}
