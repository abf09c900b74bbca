namespace DealTracker.Data.Migrations;

/// <summary>
/// The parts of the schema EF cannot express: expression indexes, the corrected party trigger, picklist
/// membership, change notifications and the seed's picklist values. Numbers refer to DESIGN.md's corrections.
/// </summary>
internal static class InitialSchemaSql
{
    /// <summary>The tables whose changes are announced on the live channel, with the id each change carries.</summary>
    private static readonly (string Table, string IdColumn)[] Announced =
    [
        ("deals", "id"), ("leads", "id"), ("lead_status", "lead_id"), ("lead_organizations", "lead_id"),
        ("lead_individuals", "lead_id"), ("lead_contacts", "lead_id"), ("organizations", "id"), ("individuals", "id"),
        ("contacts", "id"), ("picklists", "id"),
    ];

    public const string Indexes = """
        -- 3. The seed's UNIQUE (LOWER(name)) is not valid inside CREATE TABLE: a unique expression index instead.
        CREATE UNIQUE INDEX organizations_lower_name_key ON organizations (lower(name));
        -- Picklist values are unique within their category regardless of case.
        CREATE UNIQUE INDEX picklists_category_lower_value_key ON picklists (category, lower(value));
        """;

    public const string PartyTrigger = """
        -- 1, 2. The seed's trigger fired at INSERT, before any link could exist, so no lead could ever be inserted;
        -- read NEW on DELETE; missed UPDATE; and refused cascades. A deferred constraint trigger checks at commit.
        CREATE OR REPLACE FUNCTION enforce_lead_party_presence() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          target_lead BIGINT;
          lead_title TEXT;
        BEGIN
          IF TG_TABLE_NAME = 'leads' THEN
            target_lead := NEW.id;
          ELSE
            -- A link deleted, or moved to another lead: the lead it left must keep a party.
            target_lead := OLD.lead_id;
          END IF;

          SELECT title INTO lead_title FROM leads WHERE id = target_lead;
          IF NOT FOUND THEN
            RETURN NULL; -- the lead itself is gone (deleted, or cascaded from its deal): nothing to protect
          END IF;

          IF NOT EXISTS (SELECT 1 FROM lead_individuals WHERE lead_id = target_lead)
             AND NOT EXISTS (SELECT 1 FROM lead_organizations WHERE lead_id = target_lead) THEN
            RAISE EXCEPTION 'The lead "%" (#%) must have at least one individual or organization.', lead_title, target_lead
              USING ERRCODE = 'check_violation', CONSTRAINT = 'lead_requires_party';
          END IF;
          RETURN NULL;
        END;
        $$;

        CREATE CONSTRAINT TRIGGER trg_enforce_lead_party_on_leads
          AFTER INSERT OR UPDATE ON leads
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_party_presence();

        CREATE CONSTRAINT TRIGGER trg_enforce_lead_party_on_lead_individuals
          AFTER UPDATE OR DELETE ON lead_individuals
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_party_presence();

        CREATE CONSTRAINT TRIGGER trg_enforce_lead_party_on_lead_organizations
          AFTER UPDATE OR DELETE ON lead_organizations
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_party_presence();
        """;

    public const string PicklistMembership = """
        -- 7. Picklist columns hold free text in the seed. The database keeps them to values that exist in their
        -- category. FOR SHARE makes a save and an admin's rename or delete of the same value wait for each other,
        -- so a racing save can never leave a value that no longer exists.
        CREATE OR REPLACE FUNCTION picklist_value_use_count(p_category TEXT, p_value TEXT) RETURNS BIGINT
        LANGUAGE sql STABLE AS $$
          SELECT CASE p_category
            WHEN 'lead_status.stage' THEN (SELECT count(*) FROM lead_status WHERE stage = p_value)
            WHEN 'lead_status.reason' THEN (SELECT count(*) FROM lead_status WHERE reason = p_value)
            WHEN 'lead_contacts.role_on_lead' THEN (SELECT count(*) FROM lead_contacts WHERE role_on_lead = p_value)
            WHEN 'lead_organizations.relationship' THEN (SELECT count(*) FROM lead_organizations WHERE relationship = p_value)
            WHEN 'lead_individuals.relationship' THEN (SELECT count(*) FROM lead_individuals WHERE relationship = p_value)
            ELSE 0
          END
        $$;

        CREATE OR REPLACE FUNCTION enforce_picklist_value() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          v_category TEXT := TG_ARGV[0];
          v_column TEXT := TG_ARGV[1];
          v_label TEXT := TG_ARGV[2];
          v_value TEXT := to_jsonb(NEW) ->> v_column;
        BEGIN
          IF v_value IS NULL THEN
            RETURN NEW;
          END IF;
          IF TG_OP = 'UPDATE' AND v_value IS NOT DISTINCT FROM (to_jsonb(OLD) ->> v_column) THEN
            RETURN NEW;
          END IF;
          PERFORM 1 FROM picklists p WHERE p.category = v_category AND p.value = v_value FOR SHARE;
          IF NOT FOUND THEN
            RAISE EXCEPTION '"%" is not a % in the list (it may have just been renamed or removed). Pick one from the list.', v_value, v_label
              USING ERRCODE = 'check_violation', CONSTRAINT = 'picklist_value_exists';
          END IF;
          RETURN NEW;
        END;
        $$;

        CREATE TRIGGER trg_lead_status_stage_in_picklist BEFORE INSERT OR UPDATE ON lead_status
          FOR EACH ROW EXECUTE FUNCTION enforce_picklist_value('lead_status.stage', 'stage', 'stage');
        CREATE TRIGGER trg_lead_contacts_role_in_picklist BEFORE INSERT OR UPDATE ON lead_contacts
          FOR EACH ROW EXECUTE FUNCTION enforce_picklist_value('lead_contacts.role_on_lead', 'role_on_lead', 'role on lead');
        CREATE TRIGGER trg_lead_organizations_relationship_in_picklist BEFORE INSERT OR UPDATE ON lead_organizations
          FOR EACH ROW EXECUTE FUNCTION enforce_picklist_value('lead_organizations.relationship', 'relationship', 'organization relationship');
        CREATE TRIGGER trg_lead_individuals_relationship_in_picklist BEFORE INSERT OR UPDATE ON lead_individuals
          FOR EACH ROW EXECUTE FUNCTION enforce_picklist_value('lead_individuals.relationship', 'relationship', 'individual relationship');

        -- The other side: renaming or deleting a value that rows still use must move those rows in the same
        -- transaction (checked at commit). Lost reasons are free text, so they are not held to this.
        CREATE OR REPLACE FUNCTION enforce_picklist_value_unused() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          v_count BIGINT;
        BEGIN
          IF OLD.category = 'lead_status.reason' THEN
            RETURN NULL;
          END IF;
          IF EXISTS (SELECT 1 FROM picklists WHERE category = OLD.category AND value = OLD.value) THEN
            RETURN NULL;
          END IF;
          v_count := picklist_value_use_count(OLD.category, OLD.value);
          IF v_count > 0 THEN
            RAISE EXCEPTION '"%" is still used by % record(s). Move them to another value first.', OLD.value, v_count
              USING ERRCODE = 'check_violation', CONSTRAINT = 'picklist_value_exists';
          END IF;
          RETURN NULL;
        END;
        $$;

        CREATE CONSTRAINT TRIGGER trg_picklist_value_unused AFTER UPDATE OR DELETE ON picklists
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION enforce_picklist_value_unused();
        """;

    public const string NotifyFunction = """
        -- Live updates: every committed statement on these tables announces which rows it touched (at most 100
        -- ids; beyond that "ids" is null and receivers re-query everything). NOTIFY is delivered only at commit,
        -- to every app instance that listens, whoever made the change.
        CREATE OR REPLACE FUNCTION notify_dealtracker_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          v_column TEXT := TG_ARGV[0];
          v_ids BIGINT[];
        BEGIN
          IF TG_OP = 'INSERT' THEN
            SELECT array_agg(DISTINCT (to_jsonb(r) ->> v_column)::BIGINT) INTO v_ids FROM changed_new r;
          ELSIF TG_OP = 'DELETE' THEN
            SELECT array_agg(DISTINCT (to_jsonb(r) ->> v_column)::BIGINT) INTO v_ids FROM changed_old r;
          ELSE
            SELECT array_agg(DISTINCT id) INTO v_ids FROM (
              SELECT (to_jsonb(n) ->> v_column)::BIGINT AS id FROM changed_new n
              UNION SELECT (to_jsonb(o) ->> v_column)::BIGINT FROM changed_old o) s;
          END IF;
          IF v_ids IS NULL THEN
            RETURN NULL; -- the statement touched no row
          END IF;
          PERFORM pg_notify('dealtracker_changes', json_build_object(
            't', TG_TABLE_NAME, 'op', TG_OP,
            'ids', CASE WHEN cardinality(v_ids) <= 100 THEN to_json(v_ids) END)::text);
          RETURN NULL;
        END;
        $$;
        """;

    public static string NotifyTriggers() => string.Join("\n", Announced.Select(a => $"""
        CREATE TRIGGER trg_{a.Table}_notify_insert AFTER INSERT ON {a.Table} REFERENCING NEW TABLE AS changed_new
          FOR EACH STATEMENT EXECUTE FUNCTION notify_dealtracker_change('{a.IdColumn}');
        CREATE TRIGGER trg_{a.Table}_notify_update AFTER UPDATE ON {a.Table} REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
          FOR EACH STATEMENT EXECUTE FUNCTION notify_dealtracker_change('{a.IdColumn}');
        CREATE TRIGGER trg_{a.Table}_notify_delete AFTER DELETE ON {a.Table} REFERENCING OLD TABLE AS changed_old
          FOR EACH STATEMENT EXECUTE FUNCTION notify_dealtracker_change('{a.IdColumn}');
        """));

    public const string SeedPicklists = """
        -- The seed's 26 values in the seed's order (10: sort_order), plus the reasons a lead is lost.
        INSERT INTO picklists (category, value, sort_order, needs_reason, is_closed) VALUES
          ('lead_status.stage', 'New', 1, false, false),
          ('lead_status.stage', 'Qualified', 2, false, false),
          ('lead_status.stage', 'Discovery', 3, false, false),
          ('lead_status.stage', 'Proposal', 4, false, false),
          ('lead_status.stage', 'Negotiation', 5, false, false),
          ('lead_status.stage', 'Won', 6, false, true),
          ('lead_status.stage', 'Lost', 7, true, true),
          ('lead_status.stage', 'On Hold', 8, false, false),
          ('lead_contacts.role_on_lead', 'Decision Maker', 1, false, false),
          ('lead_contacts.role_on_lead', 'Economic Buyer', 2, false, false),
          ('lead_contacts.role_on_lead', 'Champion', 3, false, false),
          ('lead_contacts.role_on_lead', 'User', 4, false, false),
          ('lead_contacts.role_on_lead', 'Influencer', 5, false, false),
          ('lead_contacts.role_on_lead', 'Procurement', 6, false, false),
          ('lead_contacts.role_on_lead', 'Legal', 7, false, false),
          ('lead_contacts.role_on_lead', 'Billing', 8, false, false),
          ('lead_organizations.relationship', 'Prospect', 1, false, false),
          ('lead_organizations.relationship', 'Customer', 2, false, false),
          ('lead_organizations.relationship', 'Partner', 3, false, false),
          ('lead_organizations.relationship', 'Competitor', 4, false, false),
          ('lead_organizations.relationship', 'Reseller', 5, false, false),
          ('lead_individuals.relationship', 'Champion', 1, false, false),
          ('lead_individuals.relationship', 'Sponsor', 2, false, false),
          ('lead_individuals.relationship', 'Evaluator', 3, false, false),
          ('lead_individuals.relationship', 'Gatekeeper', 4, false, false),
          ('lead_individuals.relationship', 'Blocker', 5, false, false),
          ('lead_status.reason', 'Price', 1, false, false),
          ('lead_status.reason', 'Timing', 2, false, false),
          ('lead_status.reason', 'Competitor', 3, false, false),
          ('lead_status.reason', 'No budget', 4, false, false),
          ('lead_status.reason', 'No decision', 5, false, false),
          ('lead_status.reason', 'Other', 6, false, false)
        ON CONFLICT DO NOTHING;
        """;

    public static string Up() => string.Join("\n", Indexes, PartyTrigger, PicklistMembership, NotifyFunction,
        NotifyTriggers(), SeedPicklists);

    public const string Down = """
        DROP FUNCTION IF EXISTS notify_dealtracker_change() CASCADE;
        DROP FUNCTION IF EXISTS enforce_picklist_value_unused() CASCADE;
        DROP FUNCTION IF EXISTS enforce_picklist_value() CASCADE;
        DROP FUNCTION IF EXISTS picklist_value_use_count(TEXT, TEXT);
        DROP FUNCTION IF EXISTS enforce_lead_party_presence() CASCADE;
        DROP INDEX IF EXISTS picklists_category_lower_value_key;
        DROP INDEX IF EXISTS organizations_lower_name_key;
        """;
}
