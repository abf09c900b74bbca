namespace DealTracker.Tests.Support;

/// <summary>
/// A database as the seed's DDL built it before its renames (docs: /work/shared/seed/dealtracker-data-model.md):
/// tables <c>job</c> and <c>leadstatus</c> with the columns of today's <c>deals</c> and <c>lead_status</c>, the seed's
/// other tables, its picklists and its party trigger, and no migrations history. The seed's invalid
/// <c>UNIQUE (LOWER(name))</c> is left out, as it had to be for the DDL to run.
/// </summary>
public static class LegacySeedDatabase
{
    public const string Schema = """
        CREATE TABLE job (
          id              BIGSERIAL PRIMARY KEY,
          name            TEXT NOT NULL,
          description     TEXT,
          owner_user_id   BIGINT,
          value_amount    NUMERIC(18,2),
          value_currency  TEXT DEFAULT 'USD',
          probability     NUMERIC(5,2),
          close_date      DATE,
          created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
          updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE leads (
          id              BIGSERIAL PRIMARY KEY,
          deal_id         BIGINT NOT NULL REFERENCES job(id) ON DELETE CASCADE,
          title           TEXT NOT NULL,
          description     TEXT,
          source          TEXT,
          owner_user_id   BIGINT,
          created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
          updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE leadstatus (
          lead_id         BIGINT PRIMARY KEY REFERENCES leads(id) ON DELETE CASCADE,
          stage           TEXT NOT NULL,
          reason          TEXT,
          updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE organizations (
          id              BIGSERIAL PRIMARY KEY,
          name            TEXT NOT NULL,
          website         TEXT,
          phone           TEXT,
          notes           TEXT,
          created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
          updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE individuals (
          id              BIGSERIAL PRIMARY KEY,
          given_name      TEXT NOT NULL,
          family_name     TEXT NOT NULL,
          email           TEXT,
          phone           TEXT,
          notes           TEXT,
          created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
          updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE contacts (
          id                BIGSERIAL PRIMARY KEY,
          individual_id     BIGINT NOT NULL REFERENCES individuals(id) ON DELETE CASCADE,
          organization_id   BIGINT REFERENCES organizations(id) ON DELETE SET NULL,
          title             TEXT,
          department        TEXT,
          email             TEXT,
          phone             TEXT,
          is_primary        BOOLEAN NOT NULL DEFAULT FALSE,
          created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
          updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE lead_contacts (
          lead_id       BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
          contact_id    BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
          role_on_lead  TEXT,
          is_primary    BOOLEAN NOT NULL DEFAULT FALSE,
          created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
          PRIMARY KEY (lead_id, contact_id)
        );
        CREATE TABLE lead_organizations (
          lead_id         BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
          organization_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
          relationship    TEXT,
          is_primary      BOOLEAN NOT NULL DEFAULT FALSE,
          created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
          PRIMARY KEY (lead_id, organization_id)
        );
        CREATE TABLE lead_individuals (
          lead_id       BIGINT NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
          individual_id BIGINT NOT NULL REFERENCES individuals(id) ON DELETE CASCADE,
          relationship  TEXT,
          is_primary    BOOLEAN NOT NULL DEFAULT FALSE,
          created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
          PRIMARY KEY (lead_id, individual_id)
        );
        CREATE INDEX idx_leads_deal_id ON leads(deal_id);
        CREATE INDEX idx_lead_status_stage ON leadstatus(stage);
        CREATE INDEX idx_contacts_individual ON contacts(individual_id);
        CREATE INDEX idx_contacts_org ON contacts(organization_id);
        CREATE INDEX idx_lead_contacts_lead ON lead_contacts(lead_id);
        CREATE INDEX idx_lead_orgs_lead ON lead_organizations(lead_id);
        CREATE INDEX idx_lead_inds_lead ON lead_individuals(lead_id);

        CREATE TABLE IF NOT EXISTS picklists (
          id BIGSERIAL PRIMARY KEY,
          category TEXT NOT NULL,
          value TEXT NOT NULL,
          UNIQUE (category, value)
        );
        INSERT INTO picklists (category, value) VALUES
          ('lead_status.stage','New'), ('lead_status.stage','Qualified'), ('lead_status.stage','Discovery'),
          ('lead_status.stage','Proposal'), ('lead_status.stage','Negotiation'), ('lead_status.stage','Won'),
          ('lead_status.stage','Lost'), ('lead_status.stage','On Hold'),
          ('lead_contacts.role_on_lead','Decision Maker'), ('lead_contacts.role_on_lead','Economic Buyer'),
          ('lead_contacts.role_on_lead','Champion'), ('lead_contacts.role_on_lead','User'),
          ('lead_contacts.role_on_lead','Influencer'), ('lead_contacts.role_on_lead','Procurement'),
          ('lead_contacts.role_on_lead','Legal'), ('lead_contacts.role_on_lead','Billing'),
          ('lead_organizations.relationship','Prospect'), ('lead_organizations.relationship','Customer'),
          ('lead_organizations.relationship','Partner'), ('lead_organizations.relationship','Competitor'),
          ('lead_organizations.relationship','Reseller'),
          ('lead_individuals.relationship','Champion'), ('lead_individuals.relationship','Sponsor'),
          ('lead_individuals.relationship','Evaluator'), ('lead_individuals.relationship','Gatekeeper'),
          ('lead_individuals.relationship','Blocker')
        ON CONFLICT DO NOTHING;
        """;

    /// <summary>The seed's party trigger as written (created after the rows: under it no lead could be inserted).</summary>
    public const string SeedPartyTrigger = """
        CREATE OR REPLACE FUNCTION enforce_lead_party_presence() RETURNS TRIGGER AS $$
        DECLARE
          has_party BOOLEAN;
        BEGIN
          IF TG_TABLE_NAME = 'leads' THEN
            SELECT EXISTS (SELECT 1 FROM lead_individuals WHERE lead_id = NEW.id
                           UNION ALL SELECT 1 FROM lead_organizations WHERE lead_id = NEW.id) INTO has_party;
            IF NOT has_party THEN
              RAISE EXCEPTION 'Lead % must have at least one associated Individual or Organization', NEW.id;
            END IF;
          ELSE
            SELECT EXISTS (SELECT 1 FROM lead_individuals WHERE lead_id = NEW.lead_id
                           UNION ALL SELECT 1 FROM lead_organizations WHERE lead_id = NEW.lead_id) INTO has_party;
            IF NOT has_party THEN
              RAISE EXCEPTION 'Lead % must have at least one associated Individual or Organization', NEW.lead_id;
            END IF;
          END IF;
          RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER trg_enforce_lead_party_on_leads AFTER INSERT OR UPDATE ON leads
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_party_presence();
        CREATE TRIGGER trg_enforce_lead_party_on_lead_individuals AFTER INSERT OR DELETE ON lead_individuals
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_party_presence();
        CREATE TRIGGER trg_enforce_lead_party_on_lead_organizations AFTER INSERT OR DELETE ON lead_organizations
          FOR EACH ROW EXECUTE FUNCTION enforce_lead_party_presence();
        """;

    /// <summary>
    /// Rows with gaps in their ids: deals 3 and 8 (8 with a legacy owner id), organizations 5 and 9, individuals 4
    /// and 7, contact 6; lead 10 (deal 8, both parties, a contact, "Discovery"), lead 11 (deal 3, no status row)
    /// and lead 12 (a stage only the legacy picklists know: "Legal Review").
    /// </summary>
    public const string Rows = """
        INSERT INTO picklists (category, value) VALUES ('lead_status.stage', 'Legal Review');
        INSERT INTO job (id, name, owner_user_id, value_amount, value_currency, probability, close_date) VALUES
          (3, 'Globex Renewal', NULL, 1200.50, 'EUR', 40, '2026-03-31'),
          (8, 'ACME Expansion', 42, 250000, 'USD', 35, NULL);
        INSERT INTO organizations (id, name, website) VALUES (5, 'ACME Corp', 'https://acme.example'), (9, 'Globex', NULL);
        INSERT INTO individuals (id, given_name, family_name, email) VALUES
          (4, 'Avery', 'Nguyen', 'avery.nguyen@acme.example'), (7, 'Sam', 'Okafor', NULL);
        INSERT INTO contacts (id, individual_id, organization_id, title, department, is_primary) VALUES
          (6, 4, 5, 'Director of Ops', 'Operations', true);
        INSERT INTO leads (id, deal_id, title, source, owner_user_id) VALUES
          (10, 8, 'ACME Expansion FY25', 'Referral', 42), (11, 3, 'Globex seats', NULL, NULL), (12, 3, 'Globex legal', NULL, NULL);
        INSERT INTO leadstatus (lead_id, stage, reason) VALUES (10, 'Discovery', NULL), (12, 'Legal Review', NULL);
        INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary) VALUES
          (10, 5, 'Prospect', true), (12, 9, 'Customer', true);
        INSERT INTO lead_individuals (lead_id, individual_id, relationship, is_primary) VALUES
          (10, 4, 'Champion', true), (11, 7, NULL, false);
        INSERT INTO lead_contacts (lead_id, contact_id, role_on_lead, is_primary) VALUES (10, 6, 'Decision Maker', true);
        """;
}
