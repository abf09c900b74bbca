using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Parties;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

public sealed class PartyEditingTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private PartyService Parties => db.Get<PartyService>();
    private PartyQueries Queries => db.Get<PartyQueries>();

    [Fact]
    public async Task Organization_with_an_existing_name_in_other_case_is_offered_and_refused()
    {
        var name = TestData.Unique("Acme");
        var existing = await _data.OrganizationAsync(name);

        var offered = await Queries.FindOrganizationByNameAsync("  " + name.ToUpperInvariant() + " ");
        Assert.Equal(existing, offered!.Id);

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Parties.CreateOrganizationAsync(new OrganizationInput(name.ToLowerInvariant()), default));
        Assert.Equal("Name", refusal.Field);
    }

    [Fact]
    public async Task Renaming_an_organization_onto_another_name_is_refused_but_keeping_its_own_is_fine()
    {
        var a = TestData.Unique("Alpha");
        await _data.OrganizationAsync(a);
        var b = await _data.OrganizationAsync();
        var version = (await Queries.GetOrganizationAsync(b))!.Version;

        await Assert.ThrowsAsync<RuleViolationException>(() => Parties.UpdateOrganizationAsync(b, version, new OrganizationInput(a)));
        var renamed = TestData.Unique("Beta");
        await Parties.UpdateOrganizationAsync(b, version, new OrganizationInput(renamed, "beta.example.com"));
        Assert.Equal((renamed, "beta.example.com"), ((await Queries.GetOrganizationAsync(b))!.Name, (await Queries.GetOrganizationAsync(b))!.Website));
    }

    [Theory]
    [InlineData("not a site")]
    [InlineData("javascript:alert(1)")]
    [InlineData("localhost")]
    public async Task Malformed_websites_are_refused(string website)
    {
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Parties.CreateOrganizationAsync(new OrganizationInput(TestData.Unique("Web"), website), default));
        Assert.Equal("Website", refusal.Field);
    }

    [Theory]
    [InlineData("plainaddress")]
    [InlineData("a@b")]
    [InlineData("two@@example.com")]
    [InlineData("with space@example.com")]
    public async Task Malformed_emails_are_refused(string email)
    {
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Parties.CreateIndividualAsync(new IndividualInput("Em", "Ail", email), default));
        Assert.Equal("Email", refusal.Field);
    }

    [Fact]
    public async Task An_email_already_on_file_is_found_ignoring_case_for_a_warning()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var first = await _data.IndividualAsync("First", "Person", email);

        var same = await Queries.FindIndividualsByEmailAsync(email.ToUpperInvariant());

        Assert.Equal(first, Assert.Single(same).Id);
        Assert.Empty(await Queries.FindIndividualsByEmailAsync(email, exceptId: first));
        // A warning, not a refusal: a second person may share an address.
        await Parties.CreateIndividualAsync(new IndividualInput("Second", "Person", email), default);
    }

    [Fact]
    public async Task Text_is_trimmed_and_lengths_are_bounded()
    {
        var id = await Parties.CreateIndividualAsync(new IndividualInput("  Ann ", " Lee  ", " ann@example.com "), default);
        var person = (await Queries.GetIndividualAsync(id))!;
        Assert.Equal(("Ann", "Lee", "ann@example.com"), (person.GivenName, person.FamilyName, person.Email));

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Parties.UpdateIndividualAsync(id, person.Version, new IndividualInput(new string('a', 101), "Lee")));
        Assert.Equal("Given name", refusal.Field);
    }

    [Fact]
    public async Task Hostile_names_are_stored_exactly()
    {
        var hostile = "<img src=x onerror=alert(1)> Ωmega\u200D👩‍💻 " + Guid.NewGuid();
        var id = await Parties.CreateOrganizationAsync(new OrganizationInput(hostile), default);
        Assert.Equal(hostile, (await Queries.GetOrganizationAsync(id))!.Name);
    }

    [Fact]
    public async Task Organization_page_lists_its_contacts_and_linked_leads()
    {
        var org = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync("Cara", "Contact");
        await _data.ContactAsync(person, org, "CFO");
        var lead = await _data.LeadAsync(organizationId: org, title: "Org lead");

        var page = (await Queries.GetOrganizationAsync(org))!;

        Assert.Equal(("Cara Contact", "CFO"), (page.Contacts.Single().IndividualName, page.Contacts.Single().Title));
        Assert.Equal((lead, "Org lead", "Prospect", "New"), (page.Leads.Single().LeadId, page.Leads.Single().Title,
            page.Leads.Single().Role, page.Leads.Single().Stage));
    }

    [Fact]
    public async Task Individual_page_lists_their_contacts_and_leads()
    {
        var org = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync("Ivy", "Individual");
        await _data.ContactAsync(person, org, "Buyer");
        var lead = await db.Get<LeadService>().CreateLeadAsync(new NewLead(await _data.DealAsync(), "Ivy's lead", [],
            [new PartyLink(person, "Champion", true)]));

        var page = (await Queries.GetIndividualAsync(person))!;

        Assert.Equal(org, page.Contacts.Single().OrganizationId);
        Assert.Equal((lead, "Champion"), (page.Leads.Single().LeadId, page.Leads.Single().Role));
    }

    [Fact]
    public async Task Contact_needs_an_existing_individual_and_its_organization_is_optional()
    {
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Parties.CreateContactAsync(new ContactInput(-1, null), default));
        Assert.Equal("Individual", refusal.Field);

        var person = await _data.IndividualAsync();
        var id = await Parties.CreateContactAsync(new ContactInput(person, null, "Advisor", Email: "adv@example.com"), default);
        var contact = (await Queries.GetContactAsync(id))!;
        Assert.Null(contact.OrganizationId);

        var org = await _data.OrganizationAsync();
        await Parties.UpdateContactAsync(id, contact.Version, new ContactInput(person, org, "Advisor"));
        Assert.Equal(org, (await Queries.GetContactAsync(id))!.OrganizationId);
    }

    [Fact]
    public async Task Stale_party_saves_are_refused()
    {
        var org = await _data.OrganizationAsync();
        var seen = (await Queries.GetOrganizationAsync(org))!.Version;
        await Parties.UpdateOrganizationAsync(org, seen, new OrganizationInput(TestData.Unique("One")));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Parties.UpdateOrganizationAsync(org, seen, new OrganizationInput(TestData.Unique("Two"))));
    }

    [Fact]
    public async Task Deleting_an_organization_keeps_its_contacts_without_it_and_unlinks_its_leads()
    {
        var org = await _data.OrganizationAsync();
        var keep = await _data.OrganizationAsync();
        var person = await _data.IndividualAsync();
        var contact = await _data.ContactAsync(person, org);
        var lead = await db.Get<LeadService>().CreateLeadAsync(new NewLead(await _data.DealAsync(), "Two orgs",
            [new PartyLink(org, null), new PartyLink(keep, null)], []));

        await Parties.DeleteOrganizationAsync(org);

        Assert.Null((await Queries.GetContactAsync(contact))!.OrganizationId);
        Assert.Equal([keep], (await db.Get<LeadService>().GetLeadForEditAsync(lead))!.Organizations.Select(o => o.PartyId));
    }

    [Fact]
    public async Task Deleting_the_only_party_of_a_lead_is_refused_naming_the_lead()
    {
        var org = await _data.OrganizationAsync();
        var lead = await _data.LeadAsync(organizationId: org, title: "Only party lead");

        var refusal = await Assert.ThrowsAsync<PartyIsOnlyPartyException>(() => Parties.DeleteOrganizationAsync(org));

        Assert.Equal(lead, refusal.Leads.Single().Id);
        Assert.NotNull(await Queries.GetOrganizationAsync(org));
    }

    [Fact]
    public async Task Deleting_a_contact_removes_it_from_its_leads_only()
    {
        var person = await _data.IndividualAsync();
        var contact = await _data.ContactAsync(person);
        var leads = db.Get<LeadService>();
        var lead = await _data.LeadAsync();
        await leads.LinkContactAsync(lead, new ContactLink(contact, "Legal"));

        await Parties.DeleteContactAsync(contact);

        Assert.Empty((await leads.GetLeadForEditAsync(lead))!.Contacts);
        Assert.NotNull(await Queries.GetIndividualAsync(person));
    }

    [Fact]
    public async Task Lists_page_and_search_and_type_ahead_is_limited()
    {
        var tag = TestData.Unique("Lst").Replace(" ", "");
        for (var i = 0; i < 3; i++)
        {
            var org = await _data.OrganizationAsync($"{tag} org {i}");
            var person = await _data.IndividualAsync("Li", $"{tag}{i}");
            await _data.ContactAsync(person, org);
        }

        var orgs = await Queries.ListOrganizationsAsync(tag, 0, 2);
        var people = await Queries.ListIndividualsAsync(tag, 1, 2);
        var contacts = await Queries.ListContactsAsync($"{tag} org 1", 0, 10);

        Assert.Equal((3, 2), (orgs.Total, orgs.Items.Count));
        Assert.Equal((3, 1), (people.Total, people.Items.Count));
        Assert.Single(contacts.Items);
        Assert.Equal(2, (await Queries.SearchOrganizationsAsync(tag, 2)).Count);
        Assert.Equal(3, (await Queries.SearchIndividualsAsync(tag)).Count);
        Assert.Equal($"Buyer, {tag} org 2", Assert.Single(await Queries.SearchContactsAsync($"{tag} org 2")).Detail);
    }
}
