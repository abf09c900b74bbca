namespace DealTracker.Data.Migrations;

/// <summary>
/// <c>lead_search</c>, one row per lead (<see cref="Entities.LeadSearchDocument"/>): the lower-cased names a lead is
/// found by, kept by statement-level triggers in the transaction that changes a lead's title, deal or owner, a deal's,
/// organization's or individual's name, a contact's person, or a lead's links. A search then reads one trigram index
/// and counts matches without joining five tables (<see cref="Search.LeadSearch"/>).
/// <para>
/// Races: <c>refresh_lead_search</c> first takes a share lock on the deal, organizations, contacts and individuals it
/// reads, then a lock on the leads' rows here, and only then reads the names in a statement of its own. A rename that
/// has not committed makes it wait (READ COMMITTED: it then reads the new name; REPEATABLE READ: a serialization
/// failure, which the app replays), and a rename that comes after waits for the link to commit, then sees it. Two
/// writers refreshing the same lead queue on its row, the second reading what the first committed.
/// </para>
/// </summary>
internal static class LeadSearchSql
{
    /// <summary>One line per name, so a term never matches across two names (a search term is one line).</summary>
    private const string Document = """
        lower(concat_ws(E'\n', l.title, d.name,
          (SELECT string_agg(o.name, E'\n' ORDER BY o.id) FROM lead_organizations lo
             JOIN organizations o ON o.id = lo.organization_id WHERE lo.lead_id = l.id),
          (SELECT string_agg(i.given_name || ' ' || i.family_name, E'\n' ORDER BY i.id) FROM lead_individuals li
             JOIN individuals i ON i.id = li.individual_id WHERE li.lead_id = l.id),
          (SELECT string_agg(i.given_name || ' ' || i.family_name, E'\n' ORDER BY c.id) FROM lead_contacts lc
             JOIN contacts c ON c.id = lc.contact_id JOIN individuals i ON i.id = c.individual_id WHERE lc.lead_id = l.id)))
        """;

    /// <summary>The documents as they should be, for the backfill and <see cref="Infrastructure.InvariantAudit"/>.</summary>
    public const string Recounted = $"""
        SELECT l.id AS lead_id, l.owner_user_id, {Document} AS document FROM leads l JOIN deals d ON d.id = l.deal_id
        """;

    /// <summary>How many leads' search texts differ from what their names say now (0 when the triggers kept up).</summary>
    public const string Differences = $"""
        SELECT count(*) FROM ({Recounted}) r FULL JOIN lead_search s ON s.lead_id = r.lead_id
        WHERE (r.lead_id, r.owner_user_id, r.document) IS DISTINCT FROM (s.lead_id, s.owner_user_id, s.document)
        """;

    public static string Up => $"""
        INSERT INTO lead_search (lead_id, owner_user_id, document) {Recounted};

        CREATE FUNCTION refresh_lead_search(lead_ids BIGINT[]) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          IF cardinality(lead_ids) IS NULL OR cardinality(lead_ids) = 0 THEN
            RETURN;
          END IF;
          -- Renames not yet committed of what the documents are made of are waited for (see the class comment).
          PERFORM 1 FROM deals d JOIN leads l ON l.deal_id = d.id WHERE l.id = ANY (lead_ids) ORDER BY d.id FOR SHARE OF d;
          PERFORM 1 FROM organizations o JOIN lead_organizations lo ON lo.organization_id = o.id
            WHERE lo.lead_id = ANY (lead_ids) ORDER BY o.id FOR SHARE OF o;
          PERFORM 1 FROM individuals i JOIN lead_individuals li ON li.individual_id = i.id
            WHERE li.lead_id = ANY (lead_ids) ORDER BY i.id FOR SHARE OF i;
          PERFORM 1 FROM contacts c JOIN individuals i ON i.id = c.individual_id JOIN lead_contacts lc ON lc.contact_id = c.id
            WHERE lc.lead_id = ANY (lead_ids) ORDER BY c.id FOR SHARE OF c, i;
          PERFORM 1 FROM lead_search WHERE lead_id = ANY (lead_ids) ORDER BY lead_id FOR UPDATE;
          INSERT INTO lead_search (lead_id, owner_user_id, document)
          {Recounted} WHERE l.id = ANY (lead_ids)
          ON CONFLICT (lead_id) DO UPDATE SET owner_user_id = EXCLUDED.owner_user_id, document = EXCLUDED.document
          WHERE (lead_search.owner_user_id, lead_search.document) IS DISTINCT FROM (EXCLUDED.owner_user_id, EXCLUDED.document);
        END;
        $$;

        -- Trigger functions plan each statement when it first runs on a table, so a branch may name that table's columns.
        CREATE FUNCTION lead_search_on_insert() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_TABLE_NAME = 'leads' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT id FROM new_rows));
          ELSE
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lead_id FROM new_rows));
          END IF;
          RETURN NULL;
        END;
        $$;

        CREATE FUNCTION lead_search_on_delete() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lead_id FROM old_rows));
          RETURN NULL;
        END;
        $$;

        CREATE FUNCTION lead_search_on_update() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_TABLE_NAME = 'leads' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE (n.title, n.deal_id, n.owner_user_id) IS DISTINCT FROM (o.title, o.deal_id, o.owner_user_id)));
          ELSIF TG_TABLE_NAME = 'deals' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT l.id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN leads l ON l.deal_id = n.id WHERE n.name IS DISTINCT FROM o.name));
          ELSIF TG_TABLE_NAME = 'organizations' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lo.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN lead_organizations lo ON lo.organization_id = n.id WHERE n.name IS DISTINCT FROM o.name));
          ELSIF TG_TABLE_NAME = 'individuals' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT x.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN (SELECT li.individual_id, li.lead_id FROM lead_individuals li
                    UNION ALL SELECT c.individual_id, lc.lead_id FROM lead_contacts lc JOIN contacts c ON c.id = lc.contact_id) x
                ON x.individual_id = n.id
              WHERE (n.given_name, n.family_name) IS DISTINCT FROM (o.given_name, o.family_name)));
          ELSIF TG_TABLE_NAME = 'contacts' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lc.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN lead_contacts lc ON lc.contact_id = n.id WHERE n.individual_id IS DISTINCT FROM o.individual_id));
          ELSE
            -- A link table: a link moved to another lead or party refreshes the leads on both sides.
            PERFORM refresh_lead_search(ARRAY(SELECT lead_id FROM new_rows UNION SELECT lead_id FROM old_rows));
          END IF;
          RETURN NULL;
        END;
        $$;

        CREATE TRIGGER trg_leads_search_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_insert('id');
        CREATE TRIGGER trg_leads_search_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_update();
        CREATE TRIGGER trg_deals_search_update AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_update();
        CREATE TRIGGER trg_organizations_search_update AFTER UPDATE ON organizations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_update();
        CREATE TRIGGER trg_individuals_search_update AFTER UPDATE ON individuals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_update();
        CREATE TRIGGER trg_contacts_search_update AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_update();
        {LinkTriggers("lead_organizations")}
        {LinkTriggers("lead_individuals")}
        {LinkTriggers("lead_contacts")}
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS trg_leads_search_insert ON leads;
        DROP TRIGGER IF EXISTS trg_leads_search_update ON leads;
        DROP TRIGGER IF EXISTS trg_deals_search_update ON deals;
        DROP TRIGGER IF EXISTS trg_organizations_search_update ON organizations;
        DROP TRIGGER IF EXISTS trg_individuals_search_update ON individuals;
        DROP TRIGGER IF EXISTS trg_contacts_search_update ON contacts;
        DROP TRIGGER IF EXISTS trg_lead_organizations_search_insert ON lead_organizations;
        DROP TRIGGER IF EXISTS trg_lead_organizations_search_update ON lead_organizations;
        DROP TRIGGER IF EXISTS trg_lead_organizations_search_delete ON lead_organizations;
        DROP TRIGGER IF EXISTS trg_lead_individuals_search_insert ON lead_individuals;
        DROP TRIGGER IF EXISTS trg_lead_individuals_search_update ON lead_individuals;
        DROP TRIGGER IF EXISTS trg_lead_individuals_search_delete ON lead_individuals;
        DROP TRIGGER IF EXISTS trg_lead_contacts_search_insert ON lead_contacts;
        DROP TRIGGER IF EXISTS trg_lead_contacts_search_update ON lead_contacts;
        DROP TRIGGER IF EXISTS trg_lead_contacts_search_delete ON lead_contacts;
        DROP FUNCTION IF EXISTS lead_search_on_insert();
        DROP FUNCTION IF EXISTS lead_search_on_update();
        DROP FUNCTION IF EXISTS lead_search_on_delete();
        DROP FUNCTION IF EXISTS refresh_lead_search(BIGINT[]);
        """;

    // Transition tables allow one event per trigger, hence three per link table.
    private static string LinkTriggers(string table) => $"""
        CREATE TRIGGER trg_{table}_search_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_insert('lead_id');
        CREATE TRIGGER trg_{table}_search_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_update();
        CREATE TRIGGER trg_{table}_search_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_rows
          FOR EACH STATEMENT EXECUTE FUNCTION lead_search_on_delete();
        """;
}
