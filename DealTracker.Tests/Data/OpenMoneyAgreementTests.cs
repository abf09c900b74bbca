using DealTracker.Data.Dashboard;
using DealTracker.Data.Deals;
using DealTracker.Data.Ownership;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>
/// Open and weighted money has one definition: the overview, the board header and the deal list show the same
/// figures for the same leads, whatever the mix of currencies, closed stages and leads without a stage.
/// </summary>
public sealed class OpenMoneyAgreementTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static readonly string[] CurrencyMix = ["USD", "EUR", "GBP", "JPY"];
    private static readonly string[] StageMix = ["New", "Qualified", "Proposal", "Negotiation", "Won", "Lost"];

    [Fact]
    public async Task Overview_board_header_and_deal_list_agree_on_open_money_in_every_currency()
    {
        var data = new TestData(db.Services);
        var random = new Random(11);
        var expected = new Dictionary<string, (int Deals, decimal Value, decimal Weighted)>();
        for (var i = 0; i < 40; i++)
        {
            var currency = CurrencyMix[random.Next(CurrencyMix.Length)];
            decimal? value = random.Next(5) == 0 ? null : random.Next(1, 500) * 100m;
            decimal? probability = random.Next(4) == 0 ? null : random.Next(0, 101);
            var deal = await data.DealAsync(value: value, currency: currency, probability: probability);
            var stages = Enumerable.Range(0, random.Next(1, 4)).Select(_ => StageMix[random.Next(StageMix.Length)]).ToList();
            foreach (var stage in stages)
                await data.LeadAsync(deal, stage: stage, reason: stage == "Lost" ? "Budget" : null);
            if (stages.Any(s => s is not ("Won" or "Lost")) && value is { } v)
                expected[currency] = Add(expected.GetValueOrDefault(currency), v, v * (probability ?? 0) / 100m);
        }

        // A lead written before every lead needed a stage is not closed: its deal is open money too.
        var stagelessDeal = await data.DealAsync(value: 700m, currency: "GBP", probability: 30m);
        var stagelessLead = await data.LeadAsync(stagelessDeal, stage: "Won");
        await db.ExecuteAsOwnerAsync($"""
            BEGIN;
            ALTER TABLE lead_status DISABLE TRIGGER trg_enforce_lead_status_on_lead_status;
            DELETE FROM lead_status WHERE lead_id = {stagelessLead};
            ALTER TABLE lead_status ENABLE TRIGGER trg_enforce_lead_status_on_lead_status;
            COMMIT;
            """);
        expected["GBP"] = Add(expected.GetValueOrDefault("GBP"), 700m, 210m);

        var overview = (await db.Get<DashboardService>().GetFiguresAsync()).OpenPipeline;
        var board = (await db.Get<PipelineService>().LoadBoardAsync(new PipelineFilter())).OpenTotals;
        var list = (await db.Get<DealService>().ListDealsAsync(null, 0, 25)).Open;

        var wanted = Normalized(expected.Select(e => new CurrencyAmount(e.Key, e.Value.Deals, e.Value.Value, e.Value.Weighted))
            .OrderByDescending(a => a.Value).ThenBy(a => a.Currency, StringComparer.Ordinal));
        Assert.True(wanted.Count >= 3, "the generated data mixes currencies");
        Assert.Equal(wanted, Normalized(overview));
        Assert.Equal(wanted, Normalized(board));
        Assert.Equal(wanted, Normalized(list));
    }

    private static (int, decimal, decimal) Add((int Deals, decimal Value, decimal Weighted) sum, decimal value, decimal weighted) =>
        (sum.Deals + 1, sum.Value + value, sum.Weighted + weighted);

    // PostgreSQL keeps more decimal places in a weighted sum than C# prints; compare to the cent.
    private static List<CurrencyAmount> Normalized(IEnumerable<CurrencyAmount> amounts) =>
        amounts.Select(a => a with { Value = decimal.Round(a.Value, 2), Weighted = decimal.Round(a.Weighted, 2) }).ToList();
}
