using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>The demo data comes with a believable past: backdated moves by the owners, notes and next steps.</summary>
public sealed class DemoHistoryTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Demo_leads_walk_to_their_stage_by_their_owners_hand_with_notes_and_some_overdue_next_steps()
    {
        var seeder = db.Get<DemoDataSeeder>();
        await seeder.SeedDemoUsersAsync();
        Assert.True(await seeder.SeedAsync(generatedDeals: 12));

        // Every lead's last stage event names the stage it is in, at the time it entered it.
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM lead_status s
            WHERE (SELECT h.new_value FROM history_events h WHERE h.record_type = 'lead' AND h.record_id = s.lead_id
                   AND h.field = 'stage' ORDER BY h.occurred_at DESC, h.id DESC LIMIT 1) IS DISTINCT FROM s.stage
            """));
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM lead_status s
            WHERE (SELECT max(h.occurred_at) FROM history_events h WHERE h.record_type = 'lead' AND h.record_id = s.lead_id
                   AND h.field = 'stage') <> s.stage_entered_at
            """));
        Assert.True(await db.ScalarAsync<long>(
            "SELECT count(*) FROM history_events WHERE field = 'stage' AND action = 'updated' AND actor_name IN ('Sam Seller', 'Riley Rep')") > 5);
        Assert.True(await db.ScalarAsync<bool>("SELECT min(occurred_at) < now() - interval '50 days' FROM history_events"));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM notes") > 0);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM history_events WHERE kind = 'note'") > 0);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM leads WHERE next_step_due_on < current_date") > 0);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM history_events WHERE kind = 'next_step'") > 0);
    }
}
