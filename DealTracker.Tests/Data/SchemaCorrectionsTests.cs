using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Parties;
using DealTracker.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>
/// Each of DESIGN.md's corrections to the seed schema, proven twice: through the service (a clear message) and by
/// raw SQL as any other client would send it (the database refuses too).
/// </summary>
public sealed class SchemaCorrectionsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private LeadService Leads => db.Get<LeadService>();
    private PartyService Parties => db.Get<PartyService>();

    [Fact]
    public async Task Lead_without_party_is_refused_by_the_service_with_a_message()
    {
        var deal = await _data.DealAsync();
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Leads.CreateLeadAsync(new NewLead(deal, "No party", [], [])));
        Assert.Equal("A lead needs at least one individual or organization.", refusal.Message);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM leads WHERE title = 'No party'"));
    }

    [Fact]
    public async Task Lead_without_party_is_refused_by_the_database_at_commit()
    {
        var deal = await _data.DealAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync($"""
            BEGIN;
            INSERT INTO leads (deal_id, title) VALUES ({deal}, 'Raw no party');
            INSERT INTO lead_status (lead_id, stage) VALUES (currval('leads_id_seq'), 'New');
            COMMIT;
            """));
        Assert.Contains("must have at least one individual or organization", error.MessageText);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM leads WHERE title = 'Raw no party'"));
    }

    [Fact]
    public async Task Seed_insert_order_lead_then_links_succeeds_because_the_party_check_is_deferred()
    {
        var deal = await _data.DealAsync();
        await db.ExecuteSqlAsync($"""
            BEGIN;
            INSERT INTO leads (deal_id, title, source) VALUES ({deal}, 'Seed order', 'Referral');
            INSERT INTO organizations (name, website) VALUES ('Seed Order Corp', 'https://seed.example');
            INSERT INTO lead_status (lead_id, stage) VALUES (currval('leads_id_seq'), 'Discovery');
            INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary)
              VALUES (currval('leads_id_seq'), currval('organizations_id_seq'), 'Prospect', true);
            COMMIT;
            """);
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM leads WHERE title = 'Seed order'"));
    }

    [Fact]
    public async Task Removing_the_last_party_is_refused_by_service_and_database()
    {
        var org = await _data.OrganizationAsync();
        var lead = await _data.LeadAsync(organizationId: org);

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.UnlinkOrganizationAsync(lead, org));
        Assert.Contains("last individual or organization", refusal.Message);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"DELETE FROM lead_organizations WHERE lead_id = {lead}"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM lead_organizations WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Moving_the_only_link_to_another_lead_is_refused()
    {
        var org = await _data.OrganizationAsync();
        var first = await _data.LeadAsync(organizationId: org);
        var second = await _data.LeadAsync();
        await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync(
            $"UPDATE lead_organizations SET lead_id = {second} WHERE lead_id = {first}"));
    }

    [Fact]
    public async Task Removing_one_of_two_parties_is_allowed()
    {
        var org = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync();
        var lead = await _data.LeadAsync(organizationId: org);
        await Leads.LinkIndividualAsync(lead, new PartyLink(person, "Champion"));

        await Leads.UnlinkOrganizationAsync(lead, org);

        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM lead_organizations WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Deleting_a_lead_cascades_to_its_status_and_links()
    {
        var lead = await _data.LeadAsync();
        await Leads.DeleteLeadAsync(lead);
        foreach (var table in new[] { "lead_status", "lead_organizations", "lead_individuals", "lead_contacts" })
            Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Deleting_a_deal_by_raw_sql_cascades_to_its_leads_cleanly()
    {
        var deal = await _data.DealAsync();
        var lead1 = await _data.LeadAsync(deal);
        var lead2 = await _data.LeadAsync(deal);
        await db.ExecuteSqlAsync($"DELETE FROM deals WHERE id = {deal}");
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE id IN ({lead1}, {lead2})"));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM lead_status WHERE lead_id IN ({lead1}, {lead2})"));
    }

    [Fact]
    public async Task Deleting_an_individual_who_is_a_leads_only_party_is_refused_naming_the_lead()
    {
        var person = await _data.IndividualAsync("Avery", "Only");
        var deal = await _data.DealAsync();
        var lead = await Leads.CreateLeadAsync(new NewLead(deal, "Only Avery lead", [], [new PartyLink(person, "Champion")]));

        var refusal = await Assert.ThrowsAsync<PartyIsOnlyPartyException>(() => Parties.DeleteIndividualAsync(person));
        Assert.Contains("\"Only Avery lead\"", refusal.Message);
        Assert.Equal(lead, Assert.Single(refusal.Leads).Id);

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync($"DELETE FROM individuals WHERE id = {person}"));
        Assert.Contains("Only Avery lead", error.MessageText);
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM individuals WHERE id = {person}"));
    }

    [Fact]
    public async Task Deleting_an_organization_that_is_not_the_only_party_keeps_its_contacts()
    {
        var org = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync();
        var contact = await _data.ContactAsync(person, org);
        var deal = await _data.DealAsync();
        var lead = await Leads.CreateLeadAsync(new NewLead(deal, TestData.Unique("Two parties"),
            [new PartyLink(org, "Customer")], [new PartyLink(person, "Sponsor")]));

        await Parties.DeleteOrganizationAsync(org);

        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM contacts WHERE id = {contact} AND organization_id IS NULL"));
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM lead_individuals WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Organization_names_are_unique_regardless_of_case()
    {
        var name = TestData.Unique("Globex");
        await Parties.CreateOrganizationAsync(name);

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Parties.CreateOrganizationAsync(name.ToUpperInvariant()));
        Assert.Equal("Name", refusal.Field);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync("INSERT INTO organizations (name) VALUES ($1)", name.ToLowerInvariant()));
        Assert.Equal("organizations_lower_name_key", error.ConstraintName);
    }

    [Fact]
    public async Task A_new_lead_gets_exactly_one_status_in_the_first_active_stage()
    {
        var lead = await _data.LeadAsync();
        Assert.Equal("New", await db.ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}"));

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"INSERT INTO lead_status (lead_id, stage) VALUES ({lead}, 'Qualified')"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task A_lead_has_at_most_one_primary_per_link_table()
    {
        var lead = await _data.LeadAsync();
        var secondOrg = await _data.OrganizationAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync(
            $"INSERT INTO lead_organizations (lead_id, organization_id, is_primary) VALUES ({lead}, {secondOrg}, true)"));
        Assert.Equal("ux_lead_organizations_one_primary", error.ConstraintName);

        var p1 = await _data.IndividualAsync();
        var p2 = await _data.IndividualAsync();
        await db.ExecuteSqlAsync($"INSERT INTO lead_individuals (lead_id, individual_id, is_primary) VALUES ({lead}, {p1}, true)");
        error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync(
            $"INSERT INTO lead_individuals (lead_id, individual_id, is_primary) VALUES ({lead}, {p2}, true)"));
        Assert.Equal("ux_lead_individuals_one_primary", error.ConstraintName);

        var c1 = await _data.ContactAsync(p1);
        var c2 = await _data.ContactAsync(p2);
        await db.ExecuteSqlAsync($"INSERT INTO lead_contacts (lead_id, contact_id, is_primary) VALUES ({lead}, {c1}, true)");
        error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync(
            $"INSERT INTO lead_contacts (lead_id, contact_id, is_primary) VALUES ({lead}, {c2}, true)"));
        Assert.Equal("ux_lead_contacts_one_primary", error.ConstraintName);
    }

    [Fact]
    public async Task Service_refuses_two_primaries_and_a_new_primary_replaces_the_old()
    {
        var deal = await _data.DealAsync();
        var o1 = await _data.OrganizationAsync();
        var o2 = await _data.OrganizationAsync();
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.CreateLeadAsync(new NewLead(deal, "Two primaries",
            [new PartyLink(o1, null, true), new PartyLink(o2, null, true)], [])));
        Assert.Equal("Only one organization can be primary.", refusal.Message);

        var lead = await _data.LeadAsync(deal, organizationId: o1);
        await Leads.LinkOrganizationAsync(lead, new PartyLink(o2, "Partner", IsPrimary: true));
        Assert.Equal(o2, await db.ScalarAsync<long>($"SELECT organization_id FROM lead_organizations WHERE lead_id = {lead} AND is_primary"));
    }

    [Theory]
    [InlineData("probability", "101", "deals_probability_check")]
    [InlineData("probability", "-1", "deals_probability_check")]
    [InlineData("value_amount", "-0.01", "deals_value_amount_check")]
    [InlineData("value_currency", "'usd'", "deals_value_currency_check")]
    [InlineData("value_currency", "'EURO'", "deals_value_currency_check")]
    public async Task Deal_checks_refuse_out_of_range_values(string column, string value, string constraint)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"INSERT INTO deals (name, {column}) VALUES ('Bad deal', {value})"));
        Assert.Equal(constraint, error.ConstraintName);
    }

    [Fact]
    public async Task Deal_check_violations_through_ef_become_sentences_next_to_the_field()
    {
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            db.DbFactory.WriteAsync(DealTracker.Data.Identity.ActingUser.System, async ctx =>
            {
                ctx.Deals.Add(new Deal { Name = "Too likely", Probability = 150 });
                await Task.CompletedTask;
            }, CancellationToken.None));
        Assert.Equal("Probability must be between 0 and 100.", refusal.Message);
        Assert.Equal("Probability", refusal.Field);
    }

    [Fact]
    public async Task Seed_insert_statements_still_work_and_get_defaults()
    {
        await db.ExecuteSqlAsync("INSERT INTO deals (name, value_amount, probability) VALUES ('Seed style', 250000, 35)");
        Assert.Equal("USD", await db.ScalarAsync<string>("SELECT value_currency FROM deals WHERE name = 'Seed style'"));
        await db.ExecuteSqlAsync("INSERT INTO picklists (category, value) VALUES ('lead_status.stage','New') ON CONFLICT DO NOTHING");
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM picklists WHERE category = 'lead_status.stage' AND value = 'New'"));
    }

    [Fact]
    public async Task Picklist_columns_only_take_values_from_their_list()
    {
        var lead = await _data.LeadAsync();
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.MoveLeadToStageAsync(lead, "Bogus", null, null));
        Assert.Equal("Stage", refusal.Field);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"UPDATE lead_status SET stage = 'Bogus' WHERE lead_id = {lead}"));
        Assert.Equal("lead_status_stage_picklist_fkey", error.ConstraintName);
        error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"UPDATE lead_organizations SET relationship = 'Frenemy' WHERE lead_id = {lead}"));
        Assert.Equal("lead_organizations_relationship_picklist_fkey", error.ConstraintName);
        // A value of another list is not one of this list's, although it exists.
        error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"UPDATE lead_status SET stage = 'Champion' WHERE lead_id = {lead}"));
        Assert.Equal("lead_status_stage_picklist_fkey", error.ConstraintName);
    }

    [Fact]
    public async Task Inactive_values_cannot_be_newly_chosen_but_records_keep_them()
    {
        var deal = await _data.DealAsync();
        var org = await _data.OrganizationAsync();
        var lead = await _data.LeadAsync(deal, organizationId: org, stage: "On Hold");
        await db.ExecuteSqlAsync("UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        try
        {
            var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => _data.LeadAsync(deal, stage: "On Hold"));
            Assert.Contains("no longer offered", refusal.Message);
            // The lead already in On Hold keeps it, and its other changes still save.
            await Leads.LinkOrganizationAsync(lead, new PartyLink(org, "Customer", true));
            Assert.Equal("On Hold", await db.ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}"));
        }
        finally
        {
            await db.ExecuteSqlAsync("UPDATE picklists SET is_active = true WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        }
    }

    [Fact]
    public async Task Moving_to_a_stage_that_needs_a_reason_requires_one()
    {
        var lead = await _data.LeadAsync();
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.MoveLeadToStageAsync(lead, "Lost", "  ", null));
        Assert.Equal("Reason", refusal.Field);

        var moved = await Leads.MoveLeadToStageAsync(lead, "Lost", "Price", null);
        Assert.Equal(("Lost", "Price"), (moved.Stage, moved.Reason));
    }

    [Fact]
    public async Task The_picklists_hold_the_seed_values_in_the_seed_order_all_active()
    {
        var expected = new Dictionary<string, string[]>
        {
            [PicklistCategories.Stage] = ["New", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "Lost", "On Hold"],
            [PicklistCategories.ContactRole] = ["Decision Maker", "Economic Buyer", "Champion", "User", "Influencer", "Procurement", "Legal", "Billing"],
            [PicklistCategories.OrganizationRelationship] = ["Prospect", "Customer", "Partner", "Competitor", "Reseller"],
            [PicklistCategories.IndividualRelationship] = ["Champion", "Sponsor", "Evaluator", "Gatekeeper", "Blocker"],
        };
        await using var ctx = await db.DbFactory.CreateDbContextAsync();
        foreach (var (category, values) in expected)
        {
            var stored = await ctx.Picklists.Where(p => p.Category == category).OrderBy(p => p.SortOrder)
                .Select(p => new { p.Value, p.IsActive }).ToListAsync();
            Assert.Equal(values, stored.Select(s => s.Value));
            Assert.All(stored, s => Assert.True(s.IsActive));
        }
        Assert.Equal(26, expected.Values.Sum(v => v.Length));
        var closed = await ctx.Picklists.Where(p => p.Category == PicklistCategories.Stage && p.IsClosed).Select(p => p.Value).ToListAsync();
        Assert.Equal(["Won", "Lost"], closed.Order().Reverse());
    }

    [Fact]
    public async Task Updated_at_moves_when_a_record_changes()
    {
        var deal = await _data.DealAsync();
        var before = await db.ScalarAsync<DateTime>($"SELECT updated_at FROM deals WHERE id = {deal}");
        await using (var ctx = await db.DbFactory.CreateDbContextAsync())
        {
            var entity = await ctx.Deals.SingleAsync(d => d.Id == deal);
            entity.Description = "Changed";
            await ctx.SaveChangesAsync();
        }
        Assert.True(await db.ScalarAsync<DateTime>($"SELECT updated_at FROM deals WHERE id = {deal}") > before);

        var lead = await _data.LeadAsync(deal);
        var statusBefore = await db.ScalarAsync<DateTime>($"SELECT updated_at FROM lead_status WHERE lead_id = {lead}");
        await Leads.MoveLeadToStageAsync(lead, "Qualified", null, null);
        Assert.True(await db.ScalarAsync<DateTime>($"SELECT updated_at FROM lead_status WHERE lead_id = {lead}") > statusBefore);
    }

    [Fact]
    public async Task A_stale_edit_is_detected_as_a_concurrency_conflict()
    {
        var deal = await _data.DealAsync();
        await using var first = await db.DbFactory.CreateDbContextAsync();
        await using var second = await db.DbFactory.CreateDbContextAsync();
        var mine = await first.Deals.SingleAsync(d => d.Id == deal);
        var theirs = await second.Deals.SingleAsync(d => d.Id == deal);

        theirs.Name = "Their name";
        await second.SaveChangesAsync();
        mine.Name = "My name";

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        Assert.Equal("Their name", await db.ScalarAsync<string>($"SELECT name FROM deals WHERE id = {deal}"));
    }

    [Fact]
    public async Task A_stage_move_from_a_stale_view_is_refused()
    {
        var lead = await _data.LeadAsync();
        var seen = (uint)await db.ScalarAsync<long>($"SELECT xmin::text::bigint FROM lead_status WHERE lead_id = {lead}");
        await Leads.MoveLeadToStageAsync(lead, "Qualified", null, seen);

        var refusal = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Leads.MoveLeadToStageAsync(lead, "Proposal", null, seen));
        Assert.Contains("Qualified", refusal.Message);
        Assert.Equal("Qualified", await db.ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}"));
    }
}
