using DealTracker.Data.Deals;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

public sealed class DealServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private DealService Deals => db.Get<DealService>();

    [Fact]
    public async Task Creates_and_edits_a_deal_with_all_its_fields()
    {
        var id = await Deals.CreateDealAsync(new DealInput("  Big one  ", "Desc", 1234.567m, "eur", 35, new DateOnly(2027, 3, 1)));
        var created = (await Deals.GetDealAsync(id))!;
        Assert.Equal(("Big one", 1234.57m, "EUR", 35m, new DateOnly(2027, 3, 1)),
            (created.Name, created.ValueAmount!.Value, created.ValueCurrency, created.Probability!.Value, created.CloseDate!.Value));

        await Deals.UpdateDealAsync(id, created.Version, new DealInput("Bigger", null, 0, "JPY", 100, null));

        var edited = (await Deals.GetDealAsync(id))!;
        Assert.Equal(("Bigger", 0m, "JPY", 100m), (edited.Name, edited.ValueAmount!.Value, edited.ValueCurrency, edited.Probability!.Value));
        Assert.Null(edited.CloseDate);
    }

    public static TheoryData<DealInput, string> Invalid => new()
    {
        { new DealInput(" "), "Name" },
        { new DealInput(new string('n', 201)), "Name" },
        { new DealInput("Negative", ValueAmount: -0.01m), "ValueAmount" },
        { new DealInput("Currency", ValueCurrency: "XXQ"), "ValueCurrency" },
        { new DealInput("Currency", ValueCurrency: "usdollar"), "ValueCurrency" },
        { new DealInput("Probability", Probability: 100.5m), "Probability" },
        { new DealInput("Probability", Probability: -1), "Probability" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task Invalid_deals_are_refused_next_to_the_field(DealInput input, string field)
    {
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Deals.CreateDealAsync(input));
        Assert.Equal(field, refusal.Field);
    }

    [Fact]
    public async Task Stale_deal_save_is_refused()
    {
        var id = await _data.DealAsync();
        var seen = (await Deals.GetDealAsync(id))!.Version;
        await Deals.UpdateDealAsync(id, seen, new DealInput("First"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Deals.UpdateDealAsync(id, seen, new DealInput("Second")));
        Assert.Equal("First", (await Deals.GetDealAsync(id))!.Name);
    }

    [Fact]
    public async Task A_deal_lists_its_leads_with_stages_and_deleting_it_takes_them_along()
    {
        var id = await _data.DealAsync();
        await _data.LeadAsync(dealId: id, title: "B", stage: "Proposal");
        await _data.LeadAsync(dealId: id, title: "A");

        var deal = (await Deals.GetDealAsync(id))!;
        Assert.Equal([("A", "New"), ("B", "Proposal")], deal.Leads.Select(l => (l.Title, l.Stage)));
        Assert.Equal(2, await Deals.CountLeadsAsync(id));

        await Deals.DeleteDealAsync(id);
        Assert.Null(await Deals.GetDealAsync(id));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE deal_id = {id}"));
    }

    [Fact]
    public async Task The_list_pages_searches_and_totals_each_currency_separately()
    {
        var tag = TestData.Unique("Tot").Replace(" ", "");
        await Deals.CreateDealAsync(new DealInput($"{tag} a", ValueAmount: 100, ValueCurrency: "USD"));
        await Deals.CreateDealAsync(new DealInput($"{tag} b", ValueAmount: 50.5m, ValueCurrency: "USD"));
        await Deals.CreateDealAsync(new DealInput($"{tag} c", ValueAmount: 70, ValueCurrency: "EUR"));
        await Deals.CreateDealAsync(new DealInput($"{tag} d"));

        var list = await Deals.ListDealsAsync(tag, 0, 3);

        Assert.Equal(4, list.Page.Total);
        Assert.Equal(3, list.Page.Items.Count);
        Assert.Equal([new CurrencySum("EUR", 70m, 1), new CurrencySum("USD", 150.5m, 2)], list.Totals);
    }

    [Fact]
    public async Task Type_ahead_finds_deals_by_part_of_the_name_and_is_limited()
    {
        var tag = TestData.Unique("Ahead").Replace(" ", "");
        for (var i = 0; i < 4; i++)
            await _data.DealAsync($"x{tag}{i}");

        var found = await Deals.SearchDealsAsync(tag.ToLowerInvariant(), limit: 3);

        Assert.Equal([$"x{tag}0", $"x{tag}1", $"x{tag}2"], found.Select(c => c.Name));
    }
}
