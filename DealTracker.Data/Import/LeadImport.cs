using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.NextSteps;

namespace DealTracker.Data.Import;

/// <summary>
/// Leads, matched only by the Id column (titles repeat). A row names its deal (an existing one by id or name, or a new
/// one made from the row's Value, Currency, Probability and Close date), stage and reason, owner, and its
/// organizations, individuals (found by name, else created) and contacts (found by name) with their relationship or
/// role; every check is the lead service's (<see cref="LeadRules"/>), picklist values are never created.
/// </summary>
internal sealed class LeadImport(LeadLookups lookups) : IImportBatch
{
    public static IImportDescriptor Descriptor { get; } = new ImportDescriptor(
        ["Id", "Title", "Description", "Source", "Deal id", "Deal", "Value", "Currency", "Probability", "Close date", "Stage",
            "Reason", "Owner", "Organizations", "Organization ids", "Individuals", "Individual ids", "Contacts", "Contact ids",
            "Next step", "Next step due date", "Next step due time"],
        ["deals", "organizations", "individuals", "leads", "lead_status", "lead_organizations", "lead_individuals", "lead_contacts"],
        ("Title", "Choose the column that holds the lead's title (Title)."),
        async (db, actor, ct) => new LeadImport(await LeadLookups.LoadAsync(db, actor, ct)));

    private readonly Dictionary<int, LeadValues> _values = [];
    private readonly Dictionary<long, DealInput> _newDeals = [];

    public RowMatch Check(RowCells cells)
    {
        var id = cells.Id();
        LeadValues? current = null;
        if (id is { } given && !lookups.Leads.TryGetValue(given, out current))
            cells.Problem("Id", $"there is no lead #{given} (leave Id empty to create one)");
        var title = cells.Check("Title", LeadRules.RequireTitle) ?? "";
        var description = cells.Check("Description", v => Input.Optional(v, Limits.LongText, "Description"));
        var source = cells.Check("Source", v => Input.Optional(v, Limits.Short, "Source"));
        var owner = lookups.Owners.Owner(cells, current?.OwnerUserId, current is null);
        var dealId = Deal(cells, owner);
        var (stage, reason) = Status(cells);
        // A file without the next-step columns keeps a matched lead's next step.
        var nextStep = cells.IsMapped("Next step") || cells.IsMapped("Next step due date") ? NextStep(cells) : current?.NextStep;
        var organizations = Links(cells, "Organizations", "Organization ids", lookups.Organizations,
            PicklistCategories.OrganizationRelationship, "relationship", NewOrganization);
        var individuals = Links(cells, "Individuals", "Individual ids", lookups.Individuals,
            PicklistCategories.IndividualRelationship, "relationship", NewIndividual);
        var contacts = Links(cells, "Contacts", "Contact ids", lookups.Contacts, PicklistCategories.ContactRole, "role on lead", NoNewContact)
            .Select(c => new ContactLink(c.PartyId, c.Relationship, c.IsPrimary)).ToList();
        cells.Check(() => LeadRules.RequireParty(organizations.Count + individuals.Count), _ => "Organizations");
        cells.Check(() => LeadRules.RequireDistinctAndOnePrimary(organizations, individuals, contacts), field => field);

        var values = new LeadValues(title, description, source, dealId ?? 0, owner, stage, reason, organizations, individuals, contacts,
            nextStep);
        _values[cells.RowNumber] = values;
        return current is null ? RowMatch.New : new RowMatch(id, current.Signature != values.Signature);
    }

    public IReadOnlyDictionary<long, DealInput> NewDeals => _newDeals;

    public LeadValues ValuesOf(int rowNumber) => _values[rowNumber];

    public LeadLookups Lookups => lookups;

    public Task WriteAsync(DealTrackerDbContext db, IReadOnlyList<ImportPreviewRow> rows, IProgress<double>? progress,
        CancellationToken ct) => new LeadImportWriter(this, db).WriteAsync(rows, progress, ct);

    private long? Deal(RowCells cells, long? owner)
    {
        var id = cells.Id("Deal id");
        var name = cells.Check("Deal", v => Input.Optional(v, Limits.Name, "Deal"));
        if (name is null && id is null)
        {
            cells.Problem("Deal", "name the deal this lead belongs to");
            return null;
        }
        name ??= lookups.Deals.NameOf(id!.Value);
        if (lookups.Deals.Find(cells, "Deal", name ?? "", id) is { } found)
        {
            if (found < 0) // a deal an earlier row introduced: this row's money is checked too
                DealImport.Read(cells, "Deal", null);
            return found;
        }
        if (name is null)
        {
            cells.Problem("Deal id", $"there is no deal #{id}; name the deal in the Deal column to create it");
            return null;
        }
        // The first row naming a new deal makes it.
        var deal = DealImport.Read(cells, "Deal", null) with { OwnerUserId = owner };
        var newId = lookups.Deals.Introduce(name);
        _newDeals[newId] = deal;
        return newId;
    }

    private (string Stage, string? Reason) Status(RowCells cells)
    {
        var raw = cells.Check("Stage", v => Text.Clean(v, "Stage"));
        var stage = raw is null ? lookups.Picklists.FirstActiveStage : lookups.Picklists.Find(cells, "Stage", PicklistCategories.Stage, raw, "stage");
        if (stage is null)
        {
            if (raw is null)
                cells.Problem("Stage", "there is no active stage; an admin must activate one first");
            return ("", null);
        }
        return (stage.Value, cells.Check(StageReason.Field, v => StageReason.Check(stage.NeedsReason, stage.Value, v)));
    }

    /// <summary>
    /// "Call back" due "2026-12-31", optionally at "14:30", in the export's three columns: what and date both or neither,
    /// held to the next-step rules.
    /// </summary>
    private static NextStepInput? NextStep(RowCells cells)
    {
        var what = cells.Check("Next step", v => Text.Clean(v, "Next step"));
        var due = cells.Check("Next step due date", v => Text.Clean(v, "Next step due date"));
        var at = cells.Check("Next step due time", v => Text.Clean(v, "Next step due time"));
        if (what is null && due is null)
            return null;
        var dueOn = due is null ? null : cells.Date("Next step due date", due);
        TimeOnly? dueTime = null;
        if (at is not null)
        {
            if (TimeOnly.TryParseExact(at, ["H:mm", "HH:mm"], out var time))
                dueTime = time;
            else
                cells.Problem("Next step due time", $"\"{at}\" is not a time of day (write 14:30)");
        }
        var input = new NextStepInput(what, dueOn, dueTime);
        return cells.Check(() => NextStepRules.Require(input),
            field => field == "NextStepDueOn" ? "Next step due date" : "Next step") ? input with { What = what } : null;
    }

    private List<PartyLink> Links(RowCells cells, string field, string idsField, PartyNames names, string category, string label,
        Func<RowCells, string, PartyNames, long?> introduce)
    {
        var links = new List<PartyLink>();
        foreach (var text in LinkCell.Parse(cells.Raw(field), cells.Raw(idsField)))
        {
            // "Foo (UK)" may be a whole name rather than "Foo" with a relationship "UK".
            var whole = text.Notes.Count > 0 && names.Exists(text.Whole);
            var name = whole ? text.Whole : text.Name;
            string? relationship = null;
            if (!whole && text.Relationship is { } wanted)
                relationship = lookups.Picklists.Find(cells, field, category, wanted, label)?.Value;
            if ((names.Find(cells, field, name, text.Id) ?? introduce(cells, name, names)) is { } id)
                links.Add(new PartyLink(id, relationship, !whole && text.IsPrimary));
        }
        return links;
    }

    private static long? NewOrganization(RowCells cells, string name, PartyNames names) =>
        cells.Check(() => Input.Required(name, Limits.Name, "Organizations", "An organization needs a name."), field => field)
            ? names.Introduce(name) : null;

    private static long? NewIndividual(RowCells cells, string name, PartyNames names)
    {
        if (NewIndividualName.Split(name) is null)
        {
            cells.Problem("Individuals", $"\"{name}\" is not an individual yet; write a given and a family name (\"Ada Lovelace\") to create one");
            return null;
        }
        return names.Introduce(name);
    }

    private static long? NoNewContact(RowCells cells, string name, PartyNames names)
    {
        cells.Problem("Contacts", $"there is no contact \"{name}\" (import contacts first, or add the person on the lead's page)");
        return null;
    }
}
