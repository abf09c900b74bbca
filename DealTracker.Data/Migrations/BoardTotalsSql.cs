namespace DealTracker.Data.Migrations;

/// <summary>
/// The board's column totals kept by the database in the writing transaction, so a board reads them instead of
/// counting every lead (<see cref="Pipeline.MaintainedTotals"/>). Not in the EF model: read with parameterized SQL.
/// <list type="bullet">
/// <item><c>board_lead_counts</c>: lead count deltas per (owner key, stage).</item>
/// <item><c>board_deal_leads</c>: leads per (owner key, bucket, deal), and what the deal added to the money (its
/// value, currency and weighted value when its first lead entered), so a deal counts once per column: its money is
/// added when its first lead enters the bucket, taken out when its last leaves, re-applied when the deal changes.</item>
/// <item><c>board_money</c>: deltas of deals, value and weighted value per (owner key, bucket, currency).</item>
/// </list>
/// A bucket is a stage (<c>(no stage)</c> for a lead without a status row) or <c>''</c>, the open total: the leads
/// in a stage that is not closed (<see cref="Pipeline.OpenMoney"/>'s rule). The owner key is -1 for every owner
/// (a manager's board), 0 for unassigned leads, else the owner's user id; each lead counts under -1 and its owner.
/// The two summed tables only ever get rows appended (read as sums, folded by <c>board_totals_compact()</c>), so
/// racing writers never wait for each other on a column's total, at any isolation level, and a bulk insert does not
/// pile up versions of one row; the per-deal rows are deltas too (INSERT … ON CONFLICT DO UPDATE), where two
/// transactions touching the same deal in the same column queue (REPEATABLE READ: the second gets a serialization
/// failure, which the app replays).
/// </summary>
internal static class BoardTotalsSql
{
    private const string NoStage = Pipeline.PipelineColumn.NoStage;
    private const string Currency = Deals.Currencies.Default;

    public const string Tables = """
        CREATE TABLE board_lead_counts (
          owner_key BIGINT NOT NULL,
          stage TEXT NOT NULL,
          leads INTEGER NOT NULL);
        CREATE INDEX idx_board_lead_counts_owner_key ON board_lead_counts (owner_key);
        CREATE TABLE board_deal_leads (
          owner_key BIGINT NOT NULL,
          bucket TEXT NOT NULL,
          deal_id BIGINT NOT NULL,
          leads INTEGER NOT NULL,
          currency TEXT,
          value NUMERIC,
          weighted NUMERIC,
          CONSTRAINT board_deal_leads_pkey PRIMARY KEY (owner_key, bucket, deal_id));
        CREATE INDEX idx_board_deal_leads_deal_id ON board_deal_leads (deal_id);
        CREATE TABLE board_money (
          owner_key BIGINT NOT NULL,
          bucket TEXT NOT NULL,
          currency TEXT NOT NULL,
          deals INTEGER NOT NULL,
          value NUMERIC NOT NULL,
          weighted NUMERIC NOT NULL);
        CREATE INDEX idx_board_money_owner_key ON board_money (owner_key);
        """;

    /// <summary>
    /// The totals counted from scratch, as three relations shaped like the tables (rows with something in them).
    /// The backfill inserts them; <see cref="Infrastructure.InvariantAudit"/> compares the tables with them.
    /// </summary>
    public const string RecountedDealLeads = $"""
        WITH f AS (SELECT COALESCE(s.stage, '{NoStage}') AS stage, COALESCE(l.owner_user_id, 0) AS owner_key, l.deal_id
                   FROM leads l LEFT JOIN lead_status s ON s.lead_id = l.id),
        scoped AS (SELECT stage, owner_key, deal_id FROM f UNION ALL SELECT stage, -1, deal_id FROM f),
        buckets AS (SELECT stage AS bucket, owner_key, deal_id FROM scoped
                    UNION ALL
                    SELECT '', owner_key, deal_id FROM scoped
                    WHERE NOT EXISTS (SELECT 1 FROM picklists p
                                      WHERE p.category = 'lead_status.stage' AND p.value = scoped.stage AND p.is_closed))
        SELECT b.owner_key, b.bucket, b.deal_id, count(*)::int AS leads,
               CASE WHEN d.value_amount IS NOT NULL THEN COALESCE(d.value_currency, '{Currency}') END AS currency,
               d.value_amount AS value, d.value_amount * COALESCE(d.probability, 0) / 100 AS weighted
        FROM buckets b JOIN deals d ON d.id = b.deal_id
        GROUP BY b.owner_key, b.bucket, b.deal_id, d.value_amount, d.value_currency, d.probability
        """;

    public const string RecountedLeadCounts = $"""
        WITH f AS (SELECT COALESCE(s.stage, '{NoStage}') AS stage, COALESCE(l.owner_user_id, 0) AS owner_key
                   FROM leads l LEFT JOIN lead_status s ON s.lead_id = l.id)
        SELECT owner_key, stage, count(*)::int AS leads FROM (SELECT stage, owner_key FROM f UNION ALL SELECT stage, -1 FROM f) x
        GROUP BY owner_key, stage
        """;

    public const string RecountedMoney = $"""
        SELECT owner_key, bucket, currency, count(*)::int AS deals, sum(value) AS value, sum(weighted) AS weighted
        FROM ({RecountedDealLeads}) m WHERE value IS NOT NULL
        GROUP BY owner_key, bucket, currency
        """;

    /// <summary>Rows of the tables that differ from a recount (sums that came to zero are no difference).</summary>
    public const string Differences = $"""
        SELECT (SELECT count(*) FROM (
                  (SELECT owner_key, stage, sum(leads)::int FROM board_lead_counts GROUP BY owner_key, stage HAVING sum(leads) <> 0
                   EXCEPT SELECT * FROM ({RecountedLeadCounts}) r)
                  UNION ALL (SELECT * FROM ({RecountedLeadCounts}) r
                   EXCEPT SELECT owner_key, stage, sum(leads)::int FROM board_lead_counts GROUP BY owner_key, stage)) x)
             + (SELECT count(*) FROM (
                  (SELECT owner_key, bucket, deal_id, leads, currency, value, weighted FROM board_deal_leads WHERE leads <> 0
                   EXCEPT SELECT * FROM ({RecountedDealLeads}) r)
                  UNION ALL (SELECT * FROM ({RecountedDealLeads}) r
                   EXCEPT SELECT owner_key, bucket, deal_id, leads, currency, value, weighted FROM board_deal_leads)) y)
             + (SELECT count(*) FROM (
                  (SELECT * FROM ({SummedMoney}) m WHERE deals <> 0 OR value <> 0 OR weighted <> 0
                   EXCEPT SELECT * FROM ({RecountedMoney}) r)
                  UNION ALL (SELECT * FROM ({RecountedMoney}) r EXCEPT SELECT * FROM ({SummedMoney}) m)) z)
        """;

    private const string SummedMoney = """
        SELECT owner_key, bucket, currency, sum(deals)::int AS deals, sum(value) AS value, sum(weighted) AS weighted
        FROM board_money GROUP BY owner_key, bucket, currency
        """;

    public const string Functions = $"""
        -- Money of one (bucket, owner key, currency) by a delta: a row appended, summed when read.
        CREATE OR REPLACE FUNCTION board_money_apply(p_owner BIGINT, p_bucket TEXT, p_currency TEXT, p_deals INTEGER,
                                                     p_value NUMERIC, p_weighted NUMERIC) RETURNS void
        LANGUAGE sql AS $$
          INSERT INTO board_money (owner_key, bucket, currency, deals, value, weighted)
          VALUES (p_owner, p_bucket, p_currency, p_deals, p_value, p_weighted);
        $$;

        -- One lead more (p_delta 1) or fewer (-1) of a deal in a bucket: the deal's money is added when its first lead
        -- enters and taken out (as it was added) when its last one leaves. p_currency/p_value/p_weighted are the
        -- deal's, read by the caller under a share lock, for an entering lead.
        CREATE OR REPLACE FUNCTION board_deal_apply(p_owner BIGINT, p_bucket TEXT, p_deal BIGINT, p_delta INTEGER,
                                                    p_currency TEXT, p_value NUMERIC, p_weighted NUMERIC) RETURNS void
        LANGUAGE plpgsql AS $$
        DECLARE
          n INTEGER;
          gone RECORD;
        BEGIN
          INSERT INTO board_deal_leads AS t (owner_key, bucket, deal_id, leads) VALUES (p_owner, p_bucket, p_deal, p_delta)
          ON CONFLICT (owner_key, bucket, deal_id) DO UPDATE SET leads = t.leads + EXCLUDED.leads
          RETURNING t.leads INTO n;
          IF p_delta > 0 AND n = p_delta THEN
            IF p_value IS NOT NULL THEN
              UPDATE board_deal_leads SET currency = p_currency, value = p_value, weighted = p_weighted
              WHERE owner_key = p_owner AND bucket = p_bucket AND deal_id = p_deal;
              PERFORM board_money_apply(p_owner, p_bucket, p_currency, 1, p_value, p_weighted);
            END IF;
          ELSIF p_delta < 0 AND n = 0 THEN
            DELETE FROM board_deal_leads WHERE owner_key = p_owner AND bucket = p_bucket AND deal_id = p_deal
            RETURNING currency, value, weighted INTO gone;
            IF gone.value IS NOT NULL THEN
              PERFORM board_money_apply(p_owner, p_bucket, gone.currency, -1, -gone.value, -gone.weighted);
            END IF;
          END IF;
        END;
        $$;

        -- A lead in or out of a stage, under every owner (-1) and its own owner key.
        CREATE OR REPLACE FUNCTION board_stage_apply(p_stage TEXT, p_owner BIGINT, p_deal BIGINT, p_delta INTEGER,
                                                     p_currency TEXT, p_value NUMERIC, p_weighted NUMERIC) RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO board_lead_counts (owner_key, stage, leads) VALUES (-1, p_stage, p_delta), (p_owner, p_stage, p_delta);
          PERFORM board_deal_apply(-1, p_stage, p_deal, p_delta, p_currency, p_value, p_weighted);
          PERFORM board_deal_apply(p_owner, p_stage, p_deal, p_delta, p_currency, p_value, p_weighted);
        END;
        $$;

        -- Whether a stage counts in the open total (a stage not in the list, or "(no stage)", is open). The share lock
        -- makes an admin closing or reopening the stage wait for this transaction, or this one wait for the admin's.
        CREATE OR REPLACE FUNCTION board_stage_is_open(p_stage TEXT) RETURNS boolean
        LANGUAGE plpgsql AS $$
        DECLARE
          closed BOOLEAN;
        BEGIN
          SELECT is_closed INTO closed FROM picklists WHERE category = 'lead_status.stage' AND value = p_stage FOR SHARE;
          RETURN NOT COALESCE(closed, false);
        END;
        $$;

        -- A lead moved from (stage, owner, deal) to another; NULL old for a new lead, NULL new for a deleted one.
        CREATE OR REPLACE FUNCTION board_lead_moved(o_stage TEXT, o_owner BIGINT, o_deal BIGINT,
                                                    n_stage TEXT, n_owner BIGINT, n_deal BIGINT) RETURNS void
        LANGUAGE plpgsql AS $$
        DECLARE
          o_key BIGINT := COALESCE(o_owner, 0);
          n_key BIGINT := COALESCE(n_owner, 0);
          d RECORD;
          o_open BOOLEAN;
          n_open BOOLEAN;
        BEGIN
          IF o_stage IS NOT DISTINCT FROM n_stage AND o_key = n_key AND o_deal IS NOT DISTINCT FROM n_deal THEN
            RETURN;
          END IF;
          IF n_stage IS NOT NULL THEN
            -- The deal's money as it is now; a concurrent change of the deal's value waits for this, or this for it.
            SELECT CASE WHEN value_amount IS NOT NULL THEN COALESCE(value_currency, '{Currency}') END AS currency,
                   value_amount AS value, value_amount * COALESCE(probability, 0) / 100 AS weighted
            INTO d FROM deals WHERE id = n_deal FOR SHARE;
          END IF;
          IF o_stage IS NOT NULL AND (n_stage IS NULL OR o_stage <= n_stage) THEN
            PERFORM board_stage_apply(o_stage, o_key, o_deal, -1, NULL, NULL, NULL);
            IF n_stage IS NOT NULL THEN
              PERFORM board_stage_apply(n_stage, n_key, n_deal, 1, d.currency, d.value, d.weighted);
            END IF;
          ELSE
            PERFORM board_stage_apply(n_stage, n_key, n_deal, 1, d.currency, d.value, d.weighted);
            IF o_stage IS NOT NULL THEN
              PERFORM board_stage_apply(o_stage, o_key, o_deal, -1, NULL, NULL, NULL);
            END IF;
          END IF;
          o_open := o_stage IS NOT NULL AND board_stage_is_open(o_stage);
          n_open := n_stage IS NOT NULL AND board_stage_is_open(n_stage);
          IF o_open AND n_open AND o_key = n_key AND o_deal = n_deal THEN
            RETURN; -- from one open stage to another: the open total does not change
          END IF;
          IF o_open THEN
            PERFORM board_deal_apply(-1, '', o_deal, -1, NULL, NULL, NULL);
            PERFORM board_deal_apply(o_key, '', o_deal, -1, NULL, NULL, NULL);
          END IF;
          IF n_open THEN
            PERFORM board_deal_apply(-1, '', n_deal, 1, d.currency, d.value, d.weighted);
            PERFORM board_deal_apply(n_key, '', n_deal, 1, d.currency, d.value, d.weighted);
          END IF;
        END;
        $$;

        -- The stage a lead is in for the board, locking its status row against a concurrent move.
        CREATE OR REPLACE FUNCTION board_stage_of(p_lead BIGINT) RETURNS TEXT
        LANGUAGE plpgsql AS $$
        DECLARE
          current_stage TEXT;
        BEGIN
          SELECT stage INTO current_stage FROM lead_status WHERE lead_id = p_lead FOR SHARE;
          RETURN COALESCE(current_stage, '{NoStage}');
        END;
        $$;

        CREATE OR REPLACE FUNCTION board_totals_on_leads() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          current_stage TEXT;
        BEGIN
          IF TG_OP = 'INSERT' THEN
            -- A new lead has no status yet (its status row comes next, and moves it out of "(no stage)").
            PERFORM board_lead_moved(NULL, NULL, NULL, '{NoStage}', NEW.owner_user_id, NEW.deal_id);
            RETURN NULL;
          END IF;
          current_stage := board_stage_of(OLD.id);
          IF TG_OP = 'DELETE' THEN
            -- BEFORE DELETE: the status row is still there (a cascade removes it after the lead).
            PERFORM board_lead_moved(current_stage, OLD.owner_user_id, OLD.deal_id, NULL, NULL, NULL);
            RETURN OLD;
          END IF;
          PERFORM board_lead_moved(current_stage, OLD.owner_user_id, OLD.deal_id, current_stage, NEW.owner_user_id, NEW.deal_id);
          RETURN NULL;
        END;
        $$;

        CREATE OR REPLACE FUNCTION board_totals_on_lead_status() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          lead RECORD;
        BEGIN
          IF TG_OP = 'UPDATE' AND OLD.lead_id = NEW.lead_id THEN
            -- A move. The lead's owner and deal as they are now: an owner change waits for this move, or this for it.
            SELECT owner_user_id, deal_id INTO lead FROM leads WHERE id = NEW.lead_id FOR SHARE;
            PERFORM board_lead_moved(OLD.stage, lead.owner_user_id, lead.deal_id, NEW.stage, lead.owner_user_id, lead.deal_id);
            RETURN NULL;
          END IF;
          IF TG_OP IN ('UPDATE', 'DELETE') THEN
            SELECT owner_user_id, deal_id INTO lead FROM leads WHERE id = OLD.lead_id FOR SHARE;
            IF FOUND THEN -- else the lead itself is being deleted, and its own trigger took it off the board
              PERFORM board_lead_moved(OLD.stage, lead.owner_user_id, lead.deal_id, '{NoStage}', lead.owner_user_id, lead.deal_id);
            END IF;
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            SELECT owner_user_id, deal_id INTO lead FROM leads WHERE id = NEW.lead_id FOR SHARE;
            PERFORM board_lead_moved('{NoStage}', lead.owner_user_id, lead.deal_id, NEW.stage, lead.owner_user_id, lead.deal_id);
          END IF;
          RETURN NULL;
        END;
        $$;

        -- A deal's value, currency or probability changed: re-apply what it added wherever it has leads.
        CREATE OR REPLACE FUNCTION board_totals_on_deals() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          r RECORD;
          n_currency TEXT := CASE WHEN NEW.value_amount IS NOT NULL THEN COALESCE(NEW.value_currency, '{Currency}') END;
          n_weighted NUMERIC := NEW.value_amount * COALESCE(NEW.probability, 0) / 100;
        BEGIN
          FOR r IN SELECT * FROM board_deal_leads WHERE deal_id = NEW.id AND leads > 0
                   ORDER BY owner_key, bucket FOR UPDATE LOOP
            IF r.value IS NOT NULL THEN
              PERFORM board_money_apply(r.owner_key, r.bucket, r.currency, -1, -r.value, -r.weighted);
            END IF;
            IF NEW.value_amount IS NOT NULL THEN
              PERFORM board_money_apply(r.owner_key, r.bucket, n_currency, 1, NEW.value_amount, n_weighted);
            END IF;
            UPDATE board_deal_leads SET currency = n_currency, value = NEW.value_amount,
                                        weighted = CASE WHEN NEW.value_amount IS NOT NULL THEN n_weighted END
            WHERE owner_key = r.owner_key AND bucket = r.bucket AND deal_id = r.deal_id;
          END LOOP;
          RETURN NULL;
        END;
        $$;

        -- A stage closed, reopened or renamed: the open total is counted again, at commit (an admin's rare change; a
        -- rename's cascade to lead_status moves the leads under the new name, but judges their old stage by a name the
        -- list no longer has, and its row triggers run after this row's). Moves in flight finish first (the table
        -- lock), later ones wait for this transaction.
        CREATE OR REPLACE FUNCTION board_totals_on_picklists() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          LOCK TABLE board_deal_leads IN SHARE ROW EXCLUSIVE MODE;
          LOCK TABLE board_money IN SHARE ROW EXCLUSIVE MODE;
          DELETE FROM board_money WHERE bucket = '';
          DELETE FROM board_deal_leads WHERE bucket = '';
          INSERT INTO board_deal_leads (owner_key, bucket, deal_id, leads, currency, value, weighted)
          SELECT owner_key, bucket, deal_id, leads, currency, value, weighted FROM ({RecountedDealLeads}) r WHERE bucket = '';
          INSERT INTO board_money (owner_key, bucket, currency, deals, value, weighted)
          SELECT owner_key, bucket, currency, deals, value, weighted FROM ({RecountedMoney}) r WHERE bucket = '';
          RETURN NULL;
        END;
        $$;

        -- Folds the appended rows into one per key (run at READ COMMITTED: rows a writer appends meanwhile stay, and
        -- are folded next time; two folds at once delete each row once).
        CREATE OR REPLACE FUNCTION board_totals_compact() RETURNS void
        LANGUAGE sql AS $$
          WITH gone AS (DELETE FROM board_lead_counts RETURNING owner_key, stage, leads)
          INSERT INTO board_lead_counts (owner_key, stage, leads)
          SELECT owner_key, stage, sum(leads) FROM gone GROUP BY owner_key, stage HAVING sum(leads) <> 0;
          WITH gone AS (DELETE FROM board_money RETURNING owner_key, bucket, currency, deals, value, weighted)
          INSERT INTO board_money (owner_key, bucket, currency, deals, value, weighted)
          SELECT owner_key, bucket, currency, sum(deals), sum(value), sum(weighted) FROM gone
          GROUP BY owner_key, bucket, currency HAVING sum(deals) <> 0 OR sum(value) <> 0 OR sum(weighted) <> 0;
          DELETE FROM board_deal_leads WHERE leads = 0;
        $$;

        -- Counts everything again: for a bulk load that switched the triggers off (as the owner), and the backfill.
        CREATE OR REPLACE FUNCTION board_totals_rebuild() RETURNS void
        LANGUAGE plpgsql AS $$
        BEGIN
          LOCK TABLE board_lead_counts, board_deal_leads, board_money IN SHARE ROW EXCLUSIVE MODE;
          DELETE FROM board_lead_counts;
          DELETE FROM board_deal_leads;
          DELETE FROM board_money;
          INSERT INTO board_lead_counts (owner_key, stage, leads) {RecountedLeadCounts};
          INSERT INTO board_deal_leads (owner_key, bucket, deal_id, leads, currency, value, weighted) {RecountedDealLeads};
          INSERT INTO board_money (owner_key, bucket, currency, deals, value, weighted) {RecountedMoney};
        END;
        $$;
        """;

    public const string Triggers = """
        CREATE TRIGGER trg_leads_board_totals AFTER INSERT OR UPDATE OF owner_user_id, deal_id ON leads
          FOR EACH ROW EXECUTE FUNCTION board_totals_on_leads();
        CREATE TRIGGER trg_leads_board_totals_delete BEFORE DELETE ON leads
          FOR EACH ROW EXECUTE FUNCTION board_totals_on_leads();
        CREATE TRIGGER trg_lead_status_board_totals AFTER INSERT OR DELETE ON lead_status
          FOR EACH ROW EXECUTE FUNCTION board_totals_on_lead_status();
        CREATE TRIGGER trg_lead_status_board_totals_update AFTER UPDATE OF stage, lead_id ON lead_status
          FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage OR OLD.lead_id <> NEW.lead_id)
          EXECUTE FUNCTION board_totals_on_lead_status();
        CREATE TRIGGER trg_deals_board_totals AFTER UPDATE OF value_amount, value_currency, probability ON deals
          FOR EACH ROW WHEN (OLD.value_amount IS DISTINCT FROM NEW.value_amount
                             OR OLD.value_currency IS DISTINCT FROM NEW.value_currency
                             OR OLD.probability IS DISTINCT FROM NEW.probability)
          EXECUTE FUNCTION board_totals_on_deals();
        CREATE CONSTRAINT TRIGGER trg_picklists_board_totals AFTER UPDATE OF is_closed, value ON picklists
          DEFERRABLE INITIALLY DEFERRED
          FOR EACH ROW WHEN (NEW.category = 'lead_status.stage'
                             AND (OLD.is_closed IS DISTINCT FROM NEW.is_closed OR OLD.value IS DISTINCT FROM NEW.value))
          EXECUTE FUNCTION board_totals_on_picklists();
        """;

    /// <summary>
    /// The party rule (<see cref="Leads.LeadParty"/>) as a set-returning function, which PostgreSQL inlines into a
    /// query's FROM (a LATERAL join), where the scalar <c>lead_party_name</c> ran as a function call per card
    /// (~0.1 ms each, most of a board's card read). <c>lead_party_name</c> now reads it, so the rule stays in one place.
    /// </summary>
    public const string PartyRule = """
        CREATE OR REPLACE FUNCTION lead_party(p_lead_id bigint) RETURNS SETOF text
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT p.name FROM (
                SELECT o.name, lo.is_primary, 0 AS kind, lo.created_at, o.id
                FROM lead_organizations lo JOIN organizations o ON o.id = lo.organization_id
                WHERE lo.lead_id = p_lead_id
                UNION ALL
                SELECT i.given_name || ' ' || i.family_name, li.is_primary, 1, li.created_at, i.id
                FROM lead_individuals li JOIN individuals i ON i.id = li.individual_id
                WHERE li.lead_id = p_lead_id) p
            ORDER BY p.is_primary DESC, p.kind, p.created_at, p.id
            LIMIT 1
        $$;
        CREATE OR REPLACE FUNCTION lead_party_name(p_lead_id bigint) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT name FROM lead_party(p_lead_id) AS p(name)
        $$;
        """;

    /// <summary>
    /// The same rule, choosing the winning link first and reading only its name, by primary key. Joining the names
    /// before choosing let the planner hash-join a small <c>organizations</c> table per card (a scan of every
    /// organization for each of a board's ~200 cards: ~3 ms at 1,000 leads, more than the rest of the card read).
    /// Migration <c>LeadPartyNameAfterChoice</c>; <see cref="PartyRule"/> is what it replaces.
    /// </summary>
    public const string PartyRuleNameAfterChoice = """
        CREATE OR REPLACE FUNCTION lead_party(p_lead_id bigint) RETURNS SETOF text
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT CASE p.kind
                     WHEN 0 THEN (SELECT o.name FROM organizations o WHERE o.id = p.id)
                     ELSE (SELECT i.given_name || ' ' || i.family_name FROM individuals i WHERE i.id = p.id)
                   END
            FROM (
                SELECT lo.is_primary, 0 AS kind, lo.created_at, lo.organization_id AS id
                FROM lead_organizations lo
                WHERE lo.lead_id = p_lead_id
                UNION ALL
                SELECT li.is_primary, 1, li.created_at, li.individual_id
                FROM lead_individuals li
                WHERE li.lead_id = p_lead_id) p
            ORDER BY p.is_primary DESC, p.kind, p.created_at, p.id
            LIMIT 1
        $$;
        """;

    private const string PartyRuleDown = """
        CREATE OR REPLACE FUNCTION lead_party_name(p_lead_id bigint) RETURNS text
        LANGUAGE sql STABLE PARALLEL SAFE AS $$
            SELECT p.name FROM (
                SELECT o.name, lo.is_primary, 0 AS kind, lo.created_at, o.id
                FROM lead_organizations lo JOIN organizations o ON o.id = lo.organization_id
                WHERE lo.lead_id = p_lead_id
                UNION ALL
                SELECT i.given_name || ' ' || i.family_name, li.is_primary, 1, li.created_at, i.id
                FROM lead_individuals li JOIN individuals i ON i.id = li.individual_id
                WHERE li.lead_id = p_lead_id) p
            ORDER BY p.is_primary DESC, p.kind, p.created_at, p.id
            LIMIT 1
        $$;
        DROP FUNCTION IF EXISTS lead_party(bigint);
        """;

    /// <summary>Counts what is there, before the triggers exist.</summary>
    public const string Backfill = "SELECT board_totals_rebuild();";

    public static string Up() => string.Join("\n", Tables, Functions, Backfill, Triggers, PartyRule);

    public static string Down => PartyRuleDown + """
        DROP TRIGGER IF EXISTS trg_leads_board_totals ON leads;
        DROP TRIGGER IF EXISTS trg_leads_board_totals_delete ON leads;
        DROP TRIGGER IF EXISTS trg_lead_status_board_totals ON lead_status;
        DROP TRIGGER IF EXISTS trg_lead_status_board_totals_update ON lead_status;
        DROP TRIGGER IF EXISTS trg_deals_board_totals ON deals;
        DROP TRIGGER IF EXISTS trg_picklists_board_totals ON picklists;
        DROP FUNCTION IF EXISTS board_totals_rebuild();
        DROP FUNCTION IF EXISTS board_totals_compact();
        DROP FUNCTION IF EXISTS board_totals_on_picklists();
        DROP FUNCTION IF EXISTS board_totals_on_deals();
        DROP FUNCTION IF EXISTS board_totals_on_lead_status();
        DROP FUNCTION IF EXISTS board_totals_on_leads();
        DROP FUNCTION IF EXISTS board_stage_of(BIGINT);
        DROP FUNCTION IF EXISTS board_lead_moved(TEXT, BIGINT, BIGINT, TEXT, BIGINT, BIGINT);
        DROP FUNCTION IF EXISTS board_stage_is_open(TEXT);
        DROP FUNCTION IF EXISTS board_stage_apply(TEXT, BIGINT, BIGINT, INTEGER, TEXT, NUMERIC, NUMERIC);
        DROP FUNCTION IF EXISTS board_deal_apply(BIGINT, TEXT, BIGINT, INTEGER, TEXT, NUMERIC, NUMERIC);
        DROP FUNCTION IF EXISTS board_money_apply(BIGINT, TEXT, TEXT, INTEGER, NUMERIC, NUMERIC);
        DROP TABLE IF EXISTS board_money;
        DROP TABLE IF EXISTS board_deal_leads;
        DROP TABLE IF EXISTS board_lead_counts;
        """;
}
