using DealTracker.Data.Identity;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>The board shows each actor only the leads they may see, and filters by owner for every role.</summary>
public sealed class PipelineOwnershipTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);

    private PipelineService PipelineAs(IActingUser actor) => db.As(actor).GetRequiredService<PipelineService>();

    private static PipelineColumn Column(PipelineBoardData board, string stage) => board.Columns.Single(c => c.Stage == stage);

    private async Task<(string Marker, long Me, long Colleague, long Mine, long Theirs, long Nobodys)> ArrangeAsync()
    {
        var marker = TestData.Unique("Owners");
        var me = await db.Services.CreateUserAsync(Roles.Sales, TestData.Unique("Sam Seller"));
        var colleague = await db.Services.CreateUserAsync(Roles.Sales, TestData.Unique("Cody Colleague"));
        var mineDeal = await _data.DealAsync(marker + " mine", 1000m, "USD", 50m, ownerUserId: me);
        var theirDeal = await _data.DealAsync(marker + " theirs", 7000m, "USD", 100m, ownerUserId: colleague);
        var openDeal = await _data.DealAsync(marker + " open", 300m, "EUR", 10m);
        var mine = await _data.LeadAsync(mineDeal, marker + " my lead", "Proposal", ownerUserId: me);
        var theirs = await _data.LeadAsync(theirDeal, marker + " their lead", "Proposal", ownerUserId: colleague);
        var nobodys = await _data.LeadAsync(openDeal, marker + " open lead", "Proposal");
        return (marker, me, colleague, mine, theirs, nobodys);
    }

    [Fact]
    public async Task A_sales_user_sees_only_own_and_unassigned_cards_and_totals_count_only_those()
    {
        var a = await ArrangeAsync();

        var board = await PipelineAs(ActingUser.Sales(a.Me)).LoadBoardAsync(new PipelineFilter(Search: a.Marker));

        var proposal = Column(board, "Proposal");
        Assert.Equal([a.Mine, a.Nobodys], proposal.Cards.Select(c => c.LeadId).Order());
        Assert.Equal(2, proposal.LeadCount);
        Assert.Equal(2, board.LeadCount);
        var usd = Assert.Single(proposal.Totals, t => t.Currency == "USD");
        Assert.Equal((1, 1000m, 500m), (usd.Deals, usd.Value, usd.Weighted));
        Assert.Equal(1000m, Assert.Single(board.OpenTotals, t => t.Currency == "USD").Value);

        var manager = await PipelineAs(ActingUser.Manager(a.Colleague + 1000)).LoadBoardAsync(new PipelineFilter(Search: a.Marker));
        Assert.Equal(3, Column(manager, "Proposal").LeadCount);
        Assert.Equal(8000m, Assert.Single(Column(manager, "Proposal").Totals, t => t.Currency == "USD").Value);
    }

    [Fact]
    public async Task A_sales_user_cannot_page_into_or_look_up_a_colleagues_leads_and_deals()
    {
        var a = await ArrangeAsync();
        var sales = PipelineAs(ActingUser.Sales(a.Me));

        var more = await sales.LoadMoreAsync(new PipelineFilter(Search: a.Marker), "Proposal",
            new PipelineCursor(DateTime.UtcNow.AddDays(1), long.MaxValue));
        Assert.DoesNotContain(more, c => c.LeadId == a.Theirs);
        Assert.Equal(2, more.Count);

        var owned = await sales.LoadBoardAsync(new PipelineFilter(OwnerId: a.Colleague, Search: a.Marker));
        Assert.Equal(0, owned.LeadCount);
        Assert.DoesNotContain(await db.As(ActingUser.Sales(a.Me)).GetRequiredService<DealTracker.Data.Deals.DealService>().SearchDealsAsync(a.Marker),
            d => d.Name.EndsWith("theirs", StringComparison.Ordinal));
        Assert.Null((await sales.GetFilterNamesAsync(new PipelineFilter(DealId: (await ColleagueDealAsync(a.Theirs))))).Deal);
    }

    [Fact]
    public async Task Owner_filter_unassigned_and_my_leads_narrow_the_board_for_every_role()
    {
        var a = await ArrangeAsync();
        var manager = PipelineAs(ActingUser.Manager(a.Colleague));
        var sales = PipelineAs(ActingUser.Sales(a.Me));

        async Task<long[]> Leads(PipelineService s, PipelineFilter f) =>
            (await s.LoadBoardAsync(f with { Search = a.Marker })).Columns.SelectMany(c => c.Cards).Select(c => c.LeadId).Order().ToArray();

        Assert.Equal([a.Mine], await Leads(manager, new PipelineFilter(OwnerId: a.Me)));
        Assert.Equal([a.Theirs], await Leads(manager, new PipelineFilter(Mine: true)));
        Assert.Equal([a.Nobodys], await Leads(manager, new PipelineFilter(Unassigned: true)));
        Assert.Equal([a.Mine], await Leads(sales, new PipelineFilter(Mine: true)));
        Assert.Equal([a.Nobodys], await Leads(sales, new PipelineFilter(Unassigned: true)));
        Assert.Equal([a.Mine], await Leads(sales, new PipelineFilter(OwnerId: a.Me)));

        var mine = await manager.LoadBoardAsync(new PipelineFilter(Mine: true, Search: a.Marker));
        Assert.Equal(7000m, Assert.Single(Column(mine, "Proposal").Totals).Value);
        var card = Assert.Single(Column(mine, "Proposal").Cards);
        Assert.StartsWith("Cody Colleague", card.OwnerName);
        Assert.Null(Assert.Single(Column(await manager.LoadBoardAsync(new PipelineFilter(Unassigned: true, Search: a.Marker)), "Proposal").Cards).OwnerName);
    }

    [Fact]
    public async Task Nobody_signed_in_sees_no_cards()
    {
        var a = await ArrangeAsync();
        var board = await PipelineAs(ActingUser.Anonymous).LoadBoardAsync(new PipelineFilter(Search: a.Marker));
        Assert.Equal(0, board.LeadCount);
    }

    private Task<long> ColleagueDealAsync(long leadId) =>
        db.ScalarAsync<long>("SELECT deal_id FROM leads WHERE id = $1", leadId);
}
