using DealTracker.Data.Entities;

namespace DealTracker.Data.Seeding;

/// <summary>
/// Generates a realistic pipeline: companies, people with roles there, deals of varied size and currency, and leads
/// spread over the stages like a funnel. The same seed and day always give the same data.
/// </summary>
public sealed class SamplePipeline(DealTrackerDbContext db, DateOnly today, int seed = 20251112)
{
    private static readonly string[] GivenNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "Lucas", "Mia", "Mateo",
        "Harper", "Ethan", "Evelyn", "Aiden", "Priya", "Kenji", "Fatima", "Diego", "Ingrid", "Tomasz", "Chloé", "Yusuf",
        "Hannah", "Rafael", "Aisha", "Jonas", "Mei", "Samuel", "Leila", "Viktor", "Grace", "Arjun", "Nora", "Mohammed",
    ];

    private static readonly string[] FamilyNames =
    [
        "Smith", "Johnson", "Garcia", "Müller", "Rossi", "Kowalski", "Nakamura", "Okafor", "Patel", "Hernández",
        "Andersson", "Dubois", "Kim", "O'Brien", "Silva", "Novak", "Cohen", "Fischer", "Haddad", "Lindqvist", "Moreau",
        "Chen", "Ivanova", "Walker", "Bianchi", "Santos", "Schmidt", "Tanaka", "Murphy", "Jensen",
    ];

    private static readonly string[] CompanyStems =
    [
        "Northwind", "Bluepeak", "Silverline", "Ironbridge", "Brightwater", "Redwood", "Clearpath", "Summit", "Harbor",
        "Granite", "Evergreen", "Cobalt", "Lumen", "Vertex", "Oakridge", "Pinnacle", "Meridian", "Sterling", "Atlas",
        "Crescent", "Falcon", "Juniper", "Keystone", "Nimbus", "Orchard", "Quarry", "Riverside", "Sapphire", "Tidewater",
        "Willow",
    ];

    private static readonly string[] CompanyKinds =
    [
        "Logistics", "Health", "Analytics", "Foods", "Energy", "Robotics", "Retail Group", "Insurance", "Labs",
        "Manufacturing", "Media", "Pharma", "Software", "Telecom", "Capital",
    ];

    private static readonly string[] Projects =
    [
        "CRM rollout", "Warehouse automation", "Fleet renewal", "Data platform", "Security audit", "Cloud migration",
        "Support contract", "Office expansion", "Training programme", "Analytics suite", "Network upgrade",
        "Payroll integration", "Mobile app", "Annual licence", "Pilot project",
    ];

    private static readonly string[] Titles =
        ["CEO", "CFO", "Head of Procurement", "IT Director", "Operations Manager", "VP Sales", "Finance Lead", "CTO"];

    private static readonly string[] Departments = ["Executive", "Finance", "Procurement", "IT", "Operations", "Sales"];
    private static readonly string[] Sources = ["Inbound", "Referral", "Event", "Campaign", "Partner", "Cold outreach"];
    private static readonly string[] Currencies = ["USD", "USD", "USD", "EUR", "EUR", "GBP"];

    // A funnel: many new and qualified leads, fewer further on, some closed.
    private static readonly (string Stage, int Weight)[] Funnel =
    [
        ("New", 22), ("Qualified", 18), ("Discovery", 15), ("Proposal", 12), ("Negotiation", 8), ("Won", 9),
        ("Lost", 10), ("On Hold", 6),
    ];

    private static readonly string[] LostReasons = ["Price", "Timing", "Competitor", "No budget", "No decision"];
    private static readonly string[] OrgRelationships = ["Prospect", "Customer", "Partner", "Competitor", "Reseller"];
    private static readonly string[] IndividualRelationships = ["Champion", "Sponsor", "Evaluator", "Gatekeeper", "Blocker"];
    private static readonly string[] ContactRoles =
        ["Decision Maker", "Economic Buyer", "Champion", "User", "Influencer", "Procurement", "Legal", "Billing"];

    private readonly Random _random = new(seed);

    /// <summary>Adds <paramref name="dealCount"/> deals with about five leads each (not saved: the caller saves).</summary>
    public void Add(int dealCount)
    {
        var organizations = Enumerable.Range(0, Math.Max(8, dealCount * 4 / 3))
            .Select(i => new Organization
            {
                Name = $"{CompanyStems[i % CompanyStems.Length]} {CompanyKinds[(i / CompanyStems.Length + i) % CompanyKinds.Length]}"
                       + (i >= CompanyStems.Length * CompanyKinds.Length ? $" {i}" : ""),
                Website = $"https://{CompanyStems[i % CompanyStems.Length].ToLowerInvariant()}{i}.example",
                Phone = $"+1 555 {_random.Next(100, 999)} {_random.Next(1000, 9999)}",
            }).ToList();

        var people = Enumerable.Range(0, organizations.Count * 2).Select(i =>
        {
            var given = Pick(GivenNames);
            var family = Pick(FamilyNames);
            return new Individual
            {
                GivenName = given,
                FamilyName = family,
                Email = $"{Ascii(given)}.{Ascii(family)}{i}@example.com",
                Phone = $"+1 555 {_random.Next(100, 999)} {_random.Next(1000, 9999)}",
            };
        }).ToList();

        var contacts = people.Select((person, i) => new Contact
        {
            Individual = person,
            Organization = organizations[i / 2],
            Title = Pick(Titles),
            Department = Pick(Departments),
            Email = person.Email,
            IsPrimary = i % 2 == 0,
        }).ToList();
        db.Contacts.AddRange(contacts);

        for (var d = 0; d < dealCount; d++)
        {
            var org = organizations[_random.Next(organizations.Count)];
            var deal = new Deal
            {
                Name = $"{org.Name} – {Pick(Projects)}",
                Description = "Sample deal generated for the demo pipeline.",
                ValueAmount = Math.Round((decimal)Math.Pow(10, 3.5 + _random.NextDouble() * 2.5) / 100m) * 100m,
                ValueCurrency = Pick(Currencies),
                Probability = _random.Next(1, 20) * 5,
                CloseDate = today.AddDays(_random.Next(-30, 180)),
            };
            var leadCount = 3 + _random.Next(5);
            for (var l = 0; l < leadCount; l++)
                deal.Leads.Add(NewLead(deal, org, organizations, contacts, l));
            db.Deals.Add(deal);
        }
    }

    private Lead NewLead(Deal deal, Organization dealOrg, List<Organization> organizations, List<Contact> contacts, int index)
    {
        var stage = PickStage();
        var org = index == 0 ? dealOrg : organizations[_random.Next(organizations.Count)];
        var orgContacts = contacts.Where(c => c.Organization == org).ToList();
        var lead = new Lead
        {
            Title = $"{org.Name}: {Pick(Projects)}",
            Description = index % 3 == 0 ? "Follow up on requirements and budget." : null,
            Source = Pick(Sources),
            Status = new LeadStatus { Stage = stage, Reason = stage == "Lost" ? Pick(LostReasons) : null },
        };
        var withOrganization = _random.Next(10) < 8;
        if (withOrganization)
            lead.Organizations.Add(new LeadOrganization { Organization = org, Relationship = Pick(OrgRelationships), IsPrimary = true });
        if (!withOrganization || _random.Next(2) == 0)
        {
            var person = orgContacts.Count > 0 ? orgContacts[_random.Next(orgContacts.Count)].Individual : contacts[0].Individual;
            lead.Individuals.Add(new LeadIndividual
                { Individual = person, Relationship = Pick(IndividualRelationships), IsPrimary = true });
        }
        foreach (var contact in orgContacts.Take(1 + _random.Next(2)))
            lead.Contacts.Add(new LeadContact
                { Contact = contact, RoleOnLead = Pick(ContactRoles), IsPrimary = lead.Contacts.Count == 0 });
        return lead;
    }

    private string PickStage()
    {
        var roll = _random.Next(Funnel.Sum(f => f.Weight));
        foreach (var (stage, weight) in Funnel)
        {
            if (roll < weight)
                return stage;
            roll -= weight;
        }
        return Funnel[0].Stage;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Ascii(string name) =>
        new string(name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetter(c)).ToArray()).ToLowerInvariant();
}
