namespace DealTracker.Data.Migrations;

/// <summary>
/// <c>lead_search</c>, one row per lead (<see cref="Entities.LeadSearchDocument"/>): the lower-cased names a lead is
/// found by, kept by statement-level triggers in the transaction that changes a lead's title, deal or owner, a deal's,
/// organization's or individual's name, a contact's person, or a lead's links. A search then reads one trigram index
/// and counts matches without joining five tables (<see cref="Search.LeadSearch"/>).
/// <para>
/// Races: <c>refresh_lead_search</c> first takes a share lock on the deal, organizations, contacts and individuals it
/// reads, then a lock on the leads' rows here, and only then reads the names in a statement of its own. A rename that
/// has not committed makes it wait (READ COMMITTED: it then reads the new name; REPEATABLE READ and SERIALIZABLE: a
/// serialization failure, which the app replays), and so does a rename committed after its snapshot was taken. Two
/// writers refreshing the same lead queue on its row, the second reading what the first committed, or (REPEATABLE
/// READ) failing to serialize.
/// </para>
/// <para>
/// The other way round, a rename whose snapshot predates a link (it began before the link committed, and renames
/// after or while waiting for it) cannot see that link, so it would not refresh that lead, whose text the link wrote
/// with the old name. A share lock does not help: once its holder commits, a later update of the row succeeds at any
/// level, and an update of the party row itself would change its <c>xmin</c> (a false edit conflict for whoever has
/// the party open) and announce a change. So each change of a link (insert, update, delete; a lead's deal) writes a new
/// version of its party's row in <c>lead_search_party_stamps</c> in the bucket of its lead (lead id mod 16), and each
/// rename (or a contact moved to another person) writes every bucket of the party, after its refresh (migration
/// <c>LeadSearchPartyStamps</c>). A rename or link whose snapshot predates the other's stamp fails to serialize at
/// REPEATABLE READ and SERIALIZABLE (40001: the client replays it, as <c>DbWork</c> would); at READ COMMITTED (the
/// app's level: Npgsql begins every transaction with it, so the app only ever waits here, or meets a deadlock, 40P01,
/// which <c>DbWork</c> replays) it waits for the other to commit, and each statement then reads what it committed. The price: two transactions linking one party to leads of the same bucket queue on that stamp until the
/// first commits (or the second fails to serialize at REPEATABLE READ); buckets keep links of other leads apart.
/// Deletes stamp too: swapping a person for a namesake leaves the text unchanged, so only the stamp tells a racing
/// rename of the first person that what it read is stale.
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

        {TriggerFunctions(stampParties: false)}

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

    /// <summary>How many stamp rows a party has at most: links to leads in different buckets do not queue on each other.</summary>
    private const int StampBuckets = 16;

    /// <summary>Migration <c>LeadSearchPartyStamps</c>: the stamps table, its functions, and the trigger functions that write it.</summary>
    public static string StampPartiesUp => $"""
        -- Rows written (never read) so that a link and a rename of one party meet on a row: a link writes its party's row
        -- in its lead's bucket, a rename every bucket of the party, each time a new row version (see LeadSearchSql).
        CREATE TABLE lead_search_party_stamps (
          party_table TEXT NOT NULL CHECK (party_table IN ('deals', 'organizations', 'individuals', 'contacts')),
          party_id BIGINT NOT NULL,
          bucket SMALLINT NOT NULL CHECK (bucket >= 0 AND bucket < {StampBuckets}),
          CONSTRAINT lead_search_party_stamps_pkey PRIMARY KEY (party_table, party_id, bucket)
        );

        -- party_ids[i] was linked to or unlinked from lead_ids[i].
        CREATE FUNCTION stamp_lead_search_links(stamped_table TEXT, party_ids BIGINT[], lead_ids BIGINT[]) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          IF cardinality(party_ids) IS NULL OR cardinality(party_ids) = 0 THEN
            RETURN;
          END IF;
          -- A new row version even when the row exists: that, not the values, is what a concurrent stamp runs into.
          INSERT INTO lead_search_party_stamps (party_table, party_id, bucket)
          SELECT DISTINCT stamped_table, x.party_id, (x.lead_id % {StampBuckets})::SMALLINT
          FROM unnest(party_ids, lead_ids) AS x (party_id, lead_id) WHERE x.party_id IS NOT NULL ORDER BY 2, 3
          ON CONFLICT (party_table, party_id, bucket) DO UPDATE SET bucket = EXCLUDED.bucket;
        END;
        $$;

        -- The names of party_ids changed (or a contact's person): every bucket, whichever leads link them now.
        CREATE FUNCTION stamp_lead_search_renames(stamped_table TEXT, party_ids BIGINT[]) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          IF cardinality(party_ids) IS NULL OR cardinality(party_ids) = 0 THEN
            RETURN;
          END IF;
          INSERT INTO lead_search_party_stamps (party_table, party_id, bucket)
          SELECT DISTINCT stamped_table, p.id, b.bucket::SMALLINT
          FROM unnest(party_ids) AS p (id), generate_series(0, {StampBuckets - 1}) AS b (bucket) WHERE p.id IS NOT NULL ORDER BY 2, 3
          ON CONFLICT (party_table, party_id, bucket) DO UPDATE SET bucket = EXCLUDED.bucket;
        END;
        $$;

        {TriggerFunctions(stampParties: true)}
        """;

    public static string StampPartiesDown => $"""
        {TriggerFunctions(stampParties: false)}
        DROP FUNCTION IF EXISTS stamp_lead_search_links(TEXT, BIGINT[], BIGINT[]);
        DROP FUNCTION IF EXISTS stamp_lead_search_renames(TEXT, BIGINT[]);
        DROP TABLE IF EXISTS lead_search_party_stamps;
        """;

    /// <summary>
    /// The trigger functions, which refresh the texts of the leads a statement changed; with
    /// <paramref name="stampParties"/>, each then stamps the parties it linked, unlinked or renamed (see the class comment).
    /// Trigger functions plan each statement when it first runs on a table, so a branch may name that table's columns.
    /// </summary>
    private static string TriggerFunctions(bool stampParties) => $"""
        CREATE OR REPLACE FUNCTION lead_search_on_insert() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_TABLE_NAME = 'leads' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT id FROM new_rows));
            {Stamp(stampParties, "PERFORM stamp_lead_search_links('deals', array_agg(deal_id), array_agg(id)) FROM new_rows;")}
          ELSE
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lead_id FROM new_rows));
            {Stamp(stampParties, StampLinks(party => $"SELECT lead_id, {party} FROM new_rows"))}
          END IF;
          RETURN NULL;
        END;
        $$;

        CREATE OR REPLACE FUNCTION lead_search_on_delete() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lead_id FROM old_rows));
          {Stamp(stampParties, StampLinks(party =>
              $"SELECT lead_id, {party} FROM old_rows o WHERE EXISTS (SELECT 1 FROM leads l WHERE l.id = o.lead_id)"))}
          RETURN NULL;
        END;
        $$;

        CREATE OR REPLACE FUNCTION lead_search_on_update() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_TABLE_NAME = 'leads' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
              WHERE (n.title, n.deal_id, n.owner_user_id) IS DISTINCT FROM (o.title, o.deal_id, o.owner_user_id)));
            {Stamp(stampParties, """
                PERFORM stamp_lead_search_links('deals', array_agg(d.deal_id), array_agg(d.lead_id))
                FROM new_rows n JOIN old_rows o ON o.id = n.id, LATERAL (VALUES (n.deal_id, n.id), (o.deal_id, n.id)) d (deal_id, lead_id)
                WHERE n.deal_id IS DISTINCT FROM o.deal_id;
                """)}
          ELSIF TG_TABLE_NAME = 'deals' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT l.id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN leads l ON l.deal_id = n.id WHERE n.name IS DISTINCT FROM o.name));
            {Stamp(stampParties, """
                PERFORM stamp_lead_search_renames('deals', ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE n.name IS DISTINCT FROM o.name));
                """)}
          ELSIF TG_TABLE_NAME = 'organizations' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lo.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN lead_organizations lo ON lo.organization_id = n.id WHERE n.name IS DISTINCT FROM o.name));
            {Stamp(stampParties, """
                PERFORM stamp_lead_search_renames('organizations', ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE n.name IS DISTINCT FROM o.name));
                """)}
          ELSIF TG_TABLE_NAME = 'individuals' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT x.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN (SELECT li.individual_id, li.lead_id FROM lead_individuals li
                    UNION ALL SELECT c.individual_id, lc.lead_id FROM lead_contacts lc JOIN contacts c ON c.id = lc.contact_id) x
                ON x.individual_id = n.id
              WHERE (n.given_name, n.family_name) IS DISTINCT FROM (o.given_name, o.family_name)));
            {Stamp(stampParties, """
                PERFORM stamp_lead_search_renames('individuals', ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE (n.given_name, n.family_name) IS DISTINCT FROM (o.given_name, o.family_name)));
                """)}
          ELSIF TG_TABLE_NAME = 'contacts' THEN
            PERFORM refresh_lead_search(ARRAY(SELECT DISTINCT lc.lead_id FROM new_rows n JOIN old_rows o ON o.id = n.id
              JOIN lead_contacts lc ON lc.contact_id = n.id WHERE n.individual_id IS DISTINCT FROM o.individual_id));
            {Stamp(stampParties, """
                -- A contact moved to another person: a rename of the contact, and a link of both persons to all its leads.
                PERFORM stamp_lead_search_renames('contacts', ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                  WHERE n.individual_id IS DISTINCT FROM o.individual_id));
                PERFORM stamp_lead_search_renames('individuals', ARRAY(SELECT unnest(ARRAY[n.individual_id, o.individual_id])
                  FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.individual_id IS DISTINCT FROM o.individual_id));
                """)}
          ELSE
            -- A link table: a link moved to another lead or party refreshes the leads on both sides.
            PERFORM refresh_lead_search(ARRAY(SELECT lead_id FROM new_rows UNION SELECT lead_id FROM old_rows));
            {Stamp(stampParties, StampLinks(party => $"""
                (SELECT lead_id, {party} FROM new_rows EXCEPT SELECT lead_id, {party} FROM old_rows)
                UNION (SELECT lead_id, {party} FROM old_rows EXCEPT SELECT lead_id, {party} FROM new_rows)
                """))}
          END IF;
          RETURN NULL;
        END;
        $$;
        """;

    private static string Stamp(bool stampParties, string sql) => stampParties ? sql : "";

    /// <summary>
    /// Stamps the parties of the links <paramref name="changedLinks"/> selects (lead_id and the link table's party column,
    /// given its name), and for a contact also its person, whose rename changes the lead's text as well.
    /// </summary>
    private static string StampLinks(Func<string, string> changedLinks) => $"""
        IF TG_TABLE_NAME = 'lead_organizations' THEN
          PERFORM stamp_lead_search_links('organizations', array_agg(r.organization_id), array_agg(r.lead_id))
          FROM ({changedLinks("organization_id")}) r;
        ELSIF TG_TABLE_NAME = 'lead_individuals' THEN
          PERFORM stamp_lead_search_links('individuals', array_agg(r.individual_id), array_agg(r.lead_id))
          FROM ({changedLinks("individual_id")}) r;
        ELSE
          PERFORM stamp_lead_search_links('contacts', array_agg(r.contact_id), array_agg(r.lead_id)),
                  stamp_lead_search_links('individuals', array_agg(c.individual_id), array_agg(r.lead_id))
          FROM ({changedLinks("contact_id")}) r LEFT JOIN contacts c ON c.id = r.contact_id;
        END IF;
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
