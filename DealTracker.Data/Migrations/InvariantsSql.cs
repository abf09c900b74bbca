namespace DealTracker.Data.Migrations;

/// <summary>
/// Invariants that hold at every isolation level, and the grants of the app role. Rules that span rows lock the lead
/// they protect, so racing transactions queue on it; picklist values become real foreign keys.
/// </summary>
internal static class InvariantsSql
{
    public const string PartyRule = """
        -- A lead needs at least one individual or organization. The check at commit could not see a concurrent
        -- transaction removing the other link (write skew at READ COMMITTED and REPEATABLE READ). Now:
        -- 1. removing or moving a link locks its lead at once (FOR NO KEY UPDATE: inserts of links, which take
        --    KEY SHARE on the lead, are not held up), so two removals on one lead queue behind each other;
        -- 2. the check at commit locks the lead and the links it counts on (FOR KEY SHARE). At REPEATABLE READ a
        --    link its snapshot still shows but a committed transaction removed is a serialization failure, never a
        --    silent pass; at READ COMMITTED each statement sees the other's commit.
        CREATE OR REPLACE FUNCTION lock_lead_of_removed_link() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM 1 FROM leads WHERE id = OLD.lead_id FOR NO KEY UPDATE;
          RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
        END;
        $$;

        CREATE TRIGGER trg_lead_individuals_lock_lead BEFORE DELETE OR UPDATE OF lead_id ON lead_individuals
          FOR EACH ROW EXECUTE FUNCTION lock_lead_of_removed_link();
        CREATE TRIGGER trg_lead_organizations_lock_lead BEFORE DELETE OR UPDATE OF lead_id ON lead_organizations
          FOR EACH ROW EXECUTE FUNCTION lock_lead_of_removed_link();
        CREATE TRIGGER trg_lead_status_lock_lead BEFORE DELETE OR UPDATE OF lead_id ON lead_status
          FOR EACH ROW EXECUTE FUNCTION lock_lead_of_removed_link();

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

          SELECT title INTO lead_title FROM leads WHERE id = target_lead FOR NO KEY UPDATE;
          IF NOT FOUND THEN
            RETURN NULL; -- the lead itself is gone (deleted, or cascaded from its deal): nothing to protect
          END IF;

          PERFORM 1 FROM lead_individuals WHERE lead_id = target_lead LIMIT 1 FOR KEY SHARE;
          IF FOUND THEN
            RETURN NULL;
          END IF;
          PERFORM 1 FROM lead_organizations WHERE lead_id = target_lead LIMIT 1 FOR KEY SHARE;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'The lead "%" (#%) must have at least one individual or organization.', lead_title, target_lead
              USING ERRCODE = 'check_violation', CONSTRAINT = 'lead_requires_party';
          END IF;
          RETURN NULL;
        END;
        $$;
        """;

    public const string StatusRule = """
        -- Exactly one lead_status per lead: at most one is the primary key; at least one is checked at commit,
        -- like the party rule (a lead is created with its status in one transaction), with the same locks.
        CREATE OR REPLACE FUNCTION enforce_lead_has_status() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          target_lead BIGINT;
          lead_title TEXT;
        BEGIN
          IF TG_TABLE_NAME = 'leads' THEN
            target_lead := NEW.id;
          ELSE
            target_lead := OLD.lead_id;
          END IF;

          SELECT title INTO lead_title FROM leads WHERE id = target_lead FOR NO KEY UPDATE;
          IF NOT FOUND THEN
            RETURN NULL; -- the lead is gone: its status went with it
          END IF;
          PERFORM 1 FROM lead_status WHERE lead_id = target_lead FOR KEY SHARE;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'The lead "%" (#%) must have a stage.', lead_title, target_lead
              USING ERRCODE = 'check_violation', CONSTRAINT = 'lead_requires_status';
          END IF;
          RETURN NULL;
        END;
        $$;

        CREATE CONSTRAINT TRIGGER trg_enforce_lead_status_on_leads
          AFTER INSERT ON leads
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_has_status();

        CREATE CONSTRAINT TRIGGER trg_enforce_lead_status_on_lead_status
          AFTER DELETE OR UPDATE OF lead_id ON lead_status
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_has_status();
        """;

    public const string PicklistForeignKeys = """
        -- Picklist columns reference picklists (category, value). A foreign key holds at every isolation level
        -- (the trigger it replaces could not see a rename whose snapshot predated a save), a rename cascades to
        -- every row in the same statement, and deleting a value still in use is refused. Each referencing table
        -- gets a plain category column (a DEFAULT and a CHECK; PostgreSQL refuses ON UPDATE CASCADE on a generated
        -- column); inserts that leave it out, such as the seed's, get the default. Lost reasons stay free text.
        DROP TRIGGER IF EXISTS trg_lead_status_stage_in_picklist ON lead_status;
        DROP TRIGGER IF EXISTS trg_lead_contacts_role_in_picklist ON lead_contacts;
        DROP TRIGGER IF EXISTS trg_lead_organizations_relationship_in_picklist ON lead_organizations;
        DROP TRIGGER IF EXISTS trg_lead_individuals_relationship_in_picklist ON lead_individuals;
        DROP TRIGGER IF EXISTS trg_picklist_value_unused ON picklists;
        DROP FUNCTION IF EXISTS enforce_picklist_value();
        DROP FUNCTION IF EXISTS enforce_picklist_value_unused();

        ALTER TABLE lead_status
          ADD COLUMN stage_category TEXT NOT NULL DEFAULT 'lead_status.stage'
            CONSTRAINT lead_status_stage_category_check CHECK (stage_category = 'lead_status.stage'),
          ADD CONSTRAINT lead_status_stage_picklist_fkey FOREIGN KEY (stage_category, stage)
            REFERENCES picklists (category, value) ON UPDATE CASCADE;
        ALTER TABLE lead_contacts
          ADD COLUMN role_on_lead_category TEXT NOT NULL DEFAULT 'lead_contacts.role_on_lead'
            CONSTRAINT lead_contacts_role_on_lead_category_check CHECK (role_on_lead_category = 'lead_contacts.role_on_lead'),
          ADD CONSTRAINT lead_contacts_role_on_lead_picklist_fkey FOREIGN KEY (role_on_lead_category, role_on_lead)
            REFERENCES picklists (category, value) ON UPDATE CASCADE;
        ALTER TABLE lead_organizations
          ADD COLUMN relationship_category TEXT NOT NULL DEFAULT 'lead_organizations.relationship'
            CONSTRAINT lead_organizations_relationship_category_check CHECK (relationship_category = 'lead_organizations.relationship'),
          ADD CONSTRAINT lead_organizations_relationship_picklist_fkey FOREIGN KEY (relationship_category, relationship)
            REFERENCES picklists (category, value) ON UPDATE CASCADE;
        ALTER TABLE lead_individuals
          ADD COLUMN relationship_category TEXT NOT NULL DEFAULT 'lead_individuals.relationship'
            CONSTRAINT lead_individuals_relationship_category_check CHECK (relationship_category = 'lead_individuals.relationship'),
          ADD CONSTRAINT lead_individuals_relationship_picklist_fkey FOREIGN KEY (relationship_category, relationship)
            REFERENCES picklists (category, value) ON UPDATE CASCADE;

        -- The cascades look rows up by value.
        CREATE INDEX IF NOT EXISTS idx_lead_contacts_role_on_lead ON lead_contacts (role_on_lead);
        CREATE INDEX IF NOT EXISTS idx_lead_organizations_relationship ON lead_organizations (relationship);
        CREATE INDEX IF NOT EXISTS idx_lead_individuals_relationship ON lead_individuals (relationship);
        """;

    public const string AppRoleGrants = """
        -- The app role reads and writes rows and nothing else: no DDL (it owns nothing), no triggers switched off
        -- (session_replication_role needs a superuser, ALTER TABLE the owner), no roles. Whoever runs the migrations
        -- (the owner role) owns the schema. grant_app_role(role) grants row access on every table and sequence there
        -- is, and default privileges make tables the owner creates later readable and writable too. A table the app
        -- may not write directly (e.g. an append-only history written by triggers) revokes in its own migration:
        --   REVOKE INSERT, UPDATE, DELETE ON history FROM dealtracker_app;
        -- The app calls nothing here; startup calls grant_app_role for the configured app user when it differs from
        -- the migrating user, so a role with another name works the same way.
        CREATE OR REPLACE FUNCTION grant_app_role(app_role NAME) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          IF app_role = current_user THEN
            RETURN; -- one role for everything (a superuser development setup): nothing to grant
          END IF;
          -- Two app instances starting together would otherwise update the same catalog rows concurrently.
          PERFORM pg_advisory_xact_lock(hashtext('dealtracker.grant_app_role'));
          EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app_role);
          EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app_role);
          EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app_role);
          EXECUTE format('REVOKE INSERT, UPDATE, DELETE ON __ef_migrations_history FROM %I', app_role);
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', app_role);
          EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', app_role);
        END;
        $$;
        REVOKE EXECUTE ON FUNCTION grant_app_role(NAME) FROM PUBLIC;

        DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dealtracker_app') THEN
            PERFORM grant_app_role('dealtracker_app');
          END IF;
        END;
        $$;
        """;

    public static string Up() => string.Join("\n", PartyRule, StatusRule, PicklistForeignKeys, AppRoleGrants);

    public const string Down = """
        DROP FUNCTION IF EXISTS grant_app_role(NAME);
        DROP INDEX IF EXISTS idx_lead_contacts_role_on_lead;
        DROP INDEX IF EXISTS idx_lead_organizations_relationship;
        DROP INDEX IF EXISTS idx_lead_individuals_relationship;
        ALTER TABLE lead_status DROP COLUMN stage_category;
        ALTER TABLE lead_contacts DROP COLUMN role_on_lead_category;
        ALTER TABLE lead_organizations DROP COLUMN relationship_category;
        ALTER TABLE lead_individuals DROP COLUMN relationship_category;
        DROP FUNCTION IF EXISTS enforce_lead_has_status() CASCADE;
        DROP FUNCTION IF EXISTS lock_lead_of_removed_link() CASCADE;
        """;
}
