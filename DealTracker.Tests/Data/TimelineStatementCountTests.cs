using DealTracker.Data.History;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>A timeline page costs the same statements with a handful of events as with thousands.</summary>
public sealed class TimelineStatementCountTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_timeline_page_takes_two_statements_however_long_the_history()
    {
        var data = new TestData(db.Services);
        var deal = await data.DealAsync();
        var lead = await data.LeadAsync(deal, stage: "New");
        var counter = new StatementCounter();
        var timelines = new TimelineService(counter.Factory(db.ConnectionString), ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales)));

        counter.Reset();
        var short_ = await timelines.GetLeadTimelineAsync(lead, new TimelineQuery());
        var shortCount = counter.Count;
        // Thousands of moves, as plain SQL would make them: each is an event.
        await db.ExecuteSqlAsync($"""
            DO $$ BEGIN FOR i IN 1..2000 LOOP
              UPDATE lead_status SET stage = CASE WHEN i % 2 = 0 THEN 'New' ELSE 'Qualified' END WHERE lead_id = {lead};
            END LOOP; END $$
            """);
        counter.Reset();
        var long_ = await timelines.GetLeadTimelineAsync(lead, new TimelineQuery());
        var longCount = counter.Count;
        counter.Reset();
        await timelines.GetDealTimelineAsync(deal, new TimelineQuery(Before: long_.Older));

        Assert.Equal(2, shortCount);
        Assert.Equal(2, longCount);
        Assert.Equal(2, counter.Count);
        Assert.Null(short_.Older);
        Assert.Equal(TimelineQuery.DefaultPageSize, long_.Entries.Count);
    }
}
