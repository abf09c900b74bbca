using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

public sealed class LeadEditingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private LeadService Leads => db.Get<LeadService>();

    private static LeadChanges ChangesFrom(LeadForEdit lead) => new(lead.DealId, lead.Title, lead.Description, lead.Source,
        lead.Stage, lead.Reason,
        lead.Organizations.Select(o => new PartyLink(o.PartyId, o.Relationship, o.IsPrimary)).ToList(),
        lead.Individuals.Select(i => new PartyLink(i.PartyId, i.Relationship, i.IsPrimary)).ToList(),
        lead.Contacts.Select(c => new ContactLink(c.ContactId, c.RoleOnLead, c.IsPrimary)).ToList());

    private static string Snapshot(LeadForEdit? lead) => System.Text.Json.JsonSerializer.Serialize(lead);

    private async Task<LeadForEdit> LoadAsync(long id) => (await Leads.GetLeadForEditAsync(id))!;

    [Fact]
    public async Task A_link_value_is_checked_the_same_way_on_create_on_link_and_on_edit()
    {
        var org = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync();
        var deal = await _data.DealAsync();

        // Create used to check the value as typed (refusing " Customer ") while the editor checked it trimmed.
        var id = await Leads.CreateLeadAsync(new NewLead(deal, TestData.Unique("Padded"), [new PartyLink(org, " Customer ", true)], []));
        await Leads.LinkIndividualAsync(id, new PartyLink(person, "Champion "));
        var lead = await LoadAsync(id);
        Assert.Equal(("Customer", "Champion"), (lead.Organizations.Single().Relationship, lead.Individuals.Single().Relationship));
        await Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with
        {
            Organizations = [new PartyLink(org, " Partner ", true)],
        });

        foreach (var refused in new Func<Task>[]
                 {
                     () => Leads.CreateLeadAsync(new NewLead(deal, TestData.Unique("Refused"), [new PartyLink(org, "Nonsense", true)], [])),
                     () => Leads.LinkOrganizationAsync(id, new PartyLink(org, "Nonsense", true)),
                     async () => await Leads.UpdateLeadAsync(await LoadAsync(id), ChangesFrom(await LoadAsync(id)) with
                         { Organizations = [new PartyLink(org, "Nonsense", true)] }),
                 })
        {
            var ex = await Assert.ThrowsAsync<RuleViolationException>(refused);
            Assert.Equal("Relationship", ex.Field);
            Assert.StartsWith("\"Nonsense\" is not", ex.Message);
        }
        Assert.Equal("Partner", (await LoadAsync(id)).Organizations.Single().Relationship);
    }

    [Fact]
    public async Task Loads_a_lead_with_its_status_deal_parties_and_versions()
    {
        var org = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync();
        var contact = await _data.ContactAsync(person, org);
        var deal = await _data.DealAsync("Loaded deal " + TestData.Unique("x"));
        var id = await Leads.CreateLeadAsync(new NewLead(deal, "Loaded", [new PartyLink(org, "Customer", true)],
            [new PartyLink(person, "Champion")], [new ContactLink(contact, "Billing", true)], "Desc", "Referral", "Proposal"));

        var lead = await LoadAsync(id);

        Assert.Equal(("Loaded", "Desc", "Referral", "Proposal"), (lead.Title, lead.Description, lead.Source, lead.Stage));
        Assert.StartsWith("Loaded deal", lead.DealName);
        Assert.Equal(new LeadPartyRow(org, lead.Organizations[0].Name, null, "Customer", true), lead.Organizations.Single());
        Assert.Equal("Champion", lead.Individuals.Single().Relationship);
        Assert.Equal(("Billing", true), (lead.Contacts.Single().RoleOnLead, lead.Contacts.Single().IsPrimary));
        Assert.NotEqual(0u, lead.Version);
        Assert.NotNull(lead.StatusVersion);
    }

    [Fact]
    public async Task Saves_fields_stage_and_the_full_set_of_party_rows_in_one_go()
    {
        var id = await _data.LeadAsync();
        var lead = await LoadAsync(id);
        var newOrg = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync();
        var contact = await _data.ContactAsync(person);
        var otherDeal = await _data.DealAsync();

        var saved = await Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with
        {
            DealId = otherDeal, Title = "  Renamed  ", Description = "New description", Source = "Event",
            Stage = "Lost", Reason = "Price",
            Organizations = [new PartyLink(newOrg, "Partner", true)],
            Individuals = [new PartyLink(person, "Sponsor")],
            Contacts = [new ContactLink(contact, "Legal", true)],
        });

        var reloaded = await LoadAsync(id);
        Assert.Equal(Snapshot(saved), Snapshot(reloaded));
        Assert.Equal(("Renamed", "Event", "Lost", "Price", otherDeal), (reloaded.Title, reloaded.Source, reloaded.Stage, reloaded.Reason, reloaded.DealId));
        Assert.Equal(newOrg, reloaded.Organizations.Single().PartyId);
        Assert.Equal("Sponsor", reloaded.Individuals.Single().Relationship);
        Assert.Equal("Legal", reloaded.Contacts.Single().RoleOnLead);
        Assert.True(reloaded.UpdatedAt > lead.UpdatedAt);
    }

    [Fact]
    public async Task Choosing_a_new_primary_replaces_the_old_one()
    {
        var first = await _data.OrganizationAsync();
        var second = await _data.OrganizationAsync();
        var id = await _data.LeadAsync(organizationId: first);
        var lead = await LoadAsync(id);

        await Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with
        {
            Organizations = [new PartyLink(first, "Prospect", false), new PartyLink(second, "Customer", true)],
        });

        var rows = (await LoadAsync(id)).Organizations;
        Assert.False(rows.Single(r => r.PartyId == first).IsPrimary);
        Assert.True(rows.Single(r => r.PartyId == second).IsPrimary);
    }

    [Fact]
    public async Task Save_without_individual_or_organization_is_refused_and_nothing_changes()
    {
        var id = await _data.LeadAsync();
        var lead = await LoadAsync(id);

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Title = "Changed", Organizations = [], Individuals = [] }));

        Assert.Equal("Parties", refusal.Field);
        Assert.Equal(Snapshot(lead), Snapshot(await LoadAsync(id)));
    }

    [Fact]
    public async Task Two_primaries_of_one_kind_are_refused()
    {
        var a = await _data.OrganizationAsync();
        var b = await _data.OrganizationAsync();
        var lead = await LoadAsync(await _data.LeadAsync(organizationId: a));

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.UpdateLeadAsync(lead,
            ChangesFrom(lead) with { Organizations = [new PartyLink(a, null, true), new PartyLink(b, null, true)] }));
        Assert.Equal("Only one organization can be primary.", refusal.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blank_title_is_refused(string title)
    {
        var lead = await LoadAsync(await _data.LeadAsync());
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Title = title }));
        Assert.Equal("Title", refusal.Field);
    }

    [Fact]
    public async Task Title_longer_than_200_characters_is_refused()
    {
        var lead = await LoadAsync(await _data.LeadAsync());
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Title = new string('x', 201) }));
        Assert.Equal("Title", refusal.Field);
    }

    [Fact]
    public async Task Lost_without_a_reason_is_refused()
    {
        var lead = await LoadAsync(await _data.LeadAsync());
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Stage = "Lost", Reason = " " }));
        Assert.Equal("Reason", refusal.Field);
    }

    [Fact]
    public async Task Hostile_text_is_stored_exactly()
    {
        const string hostile = "<script>alert('x')</script> Ünïcødé \u202Eevil\u200B 🚀 Robert'); DROP TABLE leads;--";
        var lead = await LoadAsync(await _data.LeadAsync());

        await Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Title = hostile, Description = hostile + "\n" + new string('y', 3000) });

        var reloaded = await LoadAsync(lead.Id);
        Assert.Equal(hostile, reloaded.Title);
        Assert.StartsWith(hostile + "\n", reloaded.Description);
    }

    [Fact]
    public async Task A_nul_character_is_refused_with_a_message_rather_than_a_database_error()
    {
        var lead = await LoadAsync(await _data.LeadAsync());
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Source = "a\0b" }));
        Assert.Equal("Source", refusal.Field);
    }

    [Fact]
    public async Task Deactivated_values_stay_on_their_rows_but_cannot_be_newly_chosen()
    {
        var extraOrg = await _data.OrganizationAsync();
        var id = await _data.LeadAsync(stage: "On Hold");
        var lead = await LoadAsync(id);
        await db.ExecuteSqlAsync("UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        await db.ExecuteSqlAsync("UPDATE picklists SET is_active = false WHERE category = 'lead_organizations.relationship' AND value = 'Reseller'");
        try
        {
            // Keeping the inactive stage is fine.
            lead = await Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Title = "Still on hold" });
            Assert.Equal("On Hold", lead.Stage);

            var other = await LoadAsync(await _data.LeadAsync());
            var stageRefusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
                Leads.UpdateLeadAsync(other, ChangesFrom(other) with { Stage = "On Hold" }));
            Assert.Equal("Stage", stageRefusal.Field);

            var relRefusal = await Assert.ThrowsAsync<RuleViolationException>(() => Leads.UpdateLeadAsync(lead,
                ChangesFrom(lead) with { Organizations = [.. ChangesFrom(lead).Organizations, new PartyLink(extraOrg, "Reseller")] }));
            Assert.Equal("Relationship", relRefusal.Field);
        }
        finally
        {
            await db.ExecuteSqlAsync("UPDATE picklists SET is_active = true WHERE value IN ('On Hold', 'Reseller')");
        }
    }

    [Fact]
    public async Task Stale_save_is_refused_and_says_what_the_other_user_changed()
    {
        var id = await _data.LeadAsync();
        var mine = await LoadAsync(id);
        var theirs = await LoadAsync(id);
        await Leads.UpdateLeadAsync(theirs, ChangesFrom(theirs) with { Title = "Their title", Stage = "Qualified" });

        var conflict = await Assert.ThrowsAsync<LeadEditConflictException>(() =>
            Leads.UpdateLeadAsync(mine, ChangesFrom(mine) with { Title = "My title" }));

        Assert.Contains(conflict.Changes, c => c is { Field: "Title", Now: "Their title" } && c.Before == mine.Title);
        Assert.Contains(conflict.Changes, c => c is { Field: "Stage", Now: "Qualified" });
        Assert.Equal("Their title", conflict.Current.Title);
        Assert.Equal("Their title", (await LoadAsync(id)).Title);
    }

    [Fact]
    public async Task A_stage_move_from_the_board_also_makes_an_open_editor_stale()
    {
        var id = await _data.LeadAsync();
        var mine = await LoadAsync(id);
        await Leads.MoveLeadToStageAsync(id, "Proposal", null, null);

        var conflict = await Assert.ThrowsAsync<LeadEditConflictException>(() =>
            Leads.UpdateLeadAsync(mine, ChangesFrom(mine) with { Title = "Mine" }));
        Assert.Equal("Stage", Assert.Single(conflict.Changes).Field);
    }

    [Fact]
    public async Task Keeping_mine_after_a_conflict_overwrites_deliberately()
    {
        var id = await _data.LeadAsync();
        var mine = await LoadAsync(id);
        await Leads.UpdateLeadAsync(await LoadAsync(id), ChangesFrom(mine) with { Title = "Theirs" });
        var myChanges = ChangesFrom(mine) with { Title = "Mine wins" };
        var conflict = await Assert.ThrowsAsync<LeadEditConflictException>(() => Leads.UpdateLeadAsync(mine, myChanges));

        await Leads.UpdateLeadAsync(conflict.Current, myChanges);

        Assert.Equal("Mine wins", (await LoadAsync(id)).Title);
    }

    [Fact]
    public async Task Saving_a_deleted_lead_says_it_is_gone()
    {
        var id = await _data.LeadAsync();
        var lead = await LoadAsync(id);
        await Leads.DeleteLeadAsync(id);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Leads.UpdateLeadAsync(lead, ChangesFrom(lead)));
    }

    [Fact]
    public async Task Source_suggestions_are_the_distinct_values_already_used_most_used_first()
    {
        var tag = TestData.Unique("Src").Replace(" ", "");
        foreach (var source in new[] { tag + "-b", tag + "-a", tag + "-a" })
        {
            var lead = await LoadAsync(await _data.LeadAsync());
            await Leads.UpdateLeadAsync(lead, ChangesFrom(lead) with { Source = source });
        }

        var suggestions = await Leads.GetSourceSuggestionsAsync(tag);

        Assert.Equal([tag + "-a", tag + "-b"], suggestions);
    }
}
