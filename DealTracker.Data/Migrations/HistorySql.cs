namespace DealTracker.Data.Migrations;

/// <summary>
/// The change history, written by the database in the transaction of each change: triggers on every tracked table
/// read the acting user from the transaction-local setting <c>dealtracker.actor</c> (set by DbWork; "database" when
/// unset, i.e. plain SQL) and append to <c>history_events</c>. The triggers run as the schema owner (SECURITY
/// DEFINER); the app role may only read events, and nobody may update or delete one.
/// </summary>
internal static class HistorySql
{
    /// <summary>The tracked columns of each record table, in the order a timeline lists a multi-field change.</summary>
    internal static readonly (string Table, string RecordType, string[] Fields)[] Records =
    [
        ("deals", "deal", ["name", "description", "value_amount", "value_currency", "probability", "close_date", "owner_user_id"]),
        ("leads", "lead", ["title", "description", "source", "deal_id", "owner_user_id"]),
        ("organizations", "organization", ["name", "website", "phone", "notes"]),
        ("individuals", "individual", ["given_name", "family_name", "email", "phone", "notes"]),
        ("contacts", "contact", ["individual_id", "organization_id", "title", "department", "email", "phone", "is_primary"]),
    ];

    /// <summary>A lead's links: the link table, the party it names, and the column describing the party's part.</summary>
    private static readonly (string Table, string Party, string DetailColumn)[] Links =
    [
        ("lead_organizations", "organization", "relationship"),
        ("lead_individuals", "individual", "relationship"),
        ("lead_contacts", "contact", "role_on_lead"),
    ];

    public const string Functions = """
        -- Who acts in this transaction: a user id or 'system' set by the app; unset means a change made with plain SQL.
        CREATE OR REPLACE FUNCTION history_actor(OUT actor_user_id BIGINT, OUT actor_name TEXT)
        LANGUAGE plpgsql STABLE AS $$
        DECLARE
          v_setting TEXT := current_setting('dealtracker.actor', true);
        BEGIN
          IF v_setting IS NULL OR v_setting = '' THEN
            actor_name := 'database';
          ELSIF v_setting = 'system' THEN
            actor_name := 'DealTracker';
          ELSE
            actor_user_id := v_setting::BIGINT;
            SELECT COALESCE(NULLIF(u.display_name, ''), u.email) INTO actor_name FROM users u WHERE u.id = actor_user_id;
            actor_name := COALESCE(actor_name, 'user #' || v_setting);
          END IF;
        END;
        $$;

        -- A party's name; once it is deleted, the name its history last knew.
        CREATE OR REPLACE FUNCTION history_party_label(p_party TEXT, p_id BIGINT) RETURNS TEXT
        LANGUAGE sql STABLE AS $$
          SELECT COALESCE(
            CASE p_party
              WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = p_id)
              WHEN 'individual' THEN (SELECT i.given_name || ' ' || i.family_name FROM individuals i WHERE i.id = p_id)
              WHEN 'contact' THEN (SELECT i.given_name || ' ' || i.family_name FROM contacts c
                                   JOIN individuals i ON i.id = c.individual_id WHERE c.id = p_id)
            END,
            (SELECT h.record_label FROM history_events h
             WHERE h.record_type = p_party AND h.record_id = p_id AND h.record_label IS NOT NULL
             ORDER BY h.id DESC LIMIT 1),
            p_party || ' #' || p_id)
        $$;

        -- How a value reads on a timeline: references become the name they point at, at the time of the change.
        CREATE OR REPLACE FUNCTION history_display(p_field TEXT, p_value TEXT) RETURNS TEXT
        LANGUAGE sql STABLE AS $$
          SELECT CASE
            WHEN p_value IS NULL THEN NULL
            WHEN p_field = 'owner_user_id' THEN COALESCE(
              (SELECT COALESCE(NULLIF(u.display_name, ''), u.email) FROM users u WHERE u.id = p_value::BIGINT), 'user #' || p_value)
            WHEN p_field = 'deal_id' THEN COALESCE((SELECT d.name FROM deals d WHERE d.id = p_value::BIGINT), 'deal #' || p_value)
            WHEN p_field = 'organization_id' THEN history_party_label('organization', p_value::BIGINT)
            WHEN p_field = 'individual_id' THEN history_party_label('individual', p_value::BIGINT)
            ELSE p_value
          END
        $$;

        CREATE OR REPLACE FUNCTION history_record_label(p_type TEXT, p_row JSONB) RETURNS TEXT
        LANGUAGE sql STABLE AS $$
          SELECT CASE p_type
            WHEN 'lead' THEN p_row ->> 'title'
            WHEN 'deal' THEN p_row ->> 'name'
            WHEN 'organization' THEN p_row ->> 'name'
            WHEN 'individual' THEN concat_ws(' ', p_row ->> 'given_name', p_row ->> 'family_name')
            WHEN 'contact' THEN history_party_label('individual', (p_row ->> 'individual_id')::BIGINT)
          END
        $$;

        -- An event's time is the transaction's. Only the schema owner (the demo seeder, a data import) may backdate it,
        -- through the transaction-local dealtracker.backdate_to; anyone else who tries is refused.
        CREATE OR REPLACE FUNCTION history_now() RETURNS TIMESTAMPTZ
        LANGUAGE plpgsql STABLE AS $$
        DECLARE
          v_setting TEXT := current_setting('dealtracker.backdate_to', true);
        BEGIN
          IF v_setting IS NULL OR v_setting = '' THEN
            RETURN now();
          END IF;
          IF NOT pg_has_role(session_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = 'history_events'::regclass), 'MEMBER') THEN
            RAISE EXCEPTION 'Only the schema owner may backdate history.' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN v_setting::TIMESTAMPTZ;
        END;
        $$;

        -- The one place an event is written.
        CREATE OR REPLACE FUNCTION history_write(p_record_type TEXT, p_record_id BIGINT, p_label TEXT, p_deal_id BIGINT,
          p_kind TEXT, p_action TEXT, p_field TEXT, p_old TEXT, p_new TEXT, p_detail TEXT) RETURNS void
        LANGUAGE plpgsql AS $$
        DECLARE
          v_actor RECORD;
        BEGIN
          SELECT * INTO v_actor FROM history_actor();
          INSERT INTO history_events (occurred_at, actor_user_id, actor_name, record_type, record_id, record_label, deal_id,
                                      kind, action, field, old_value, new_value, detail)
          VALUES (history_now(), v_actor.actor_user_id, v_actor.actor_name, p_record_type, p_record_id, p_label, p_deal_id,
                  p_kind, p_action, p_field, p_old, p_new, p_detail);
        END;
        $$;

        -- Deals, leads, organizations, individuals, contacts: created (AFTER INSERT), one event per changed tracked
        -- column (AFTER UPDATE), deleted (BEFORE DELETE, so the record is still there to name before cascades run).
        CREATE OR REPLACE FUNCTION record_history() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          v_type TEXT := TG_ARGV[0];
          v_row JSONB := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
          v_old JSONB;
          v_id BIGINT := (v_row ->> 'id')::BIGINT;
          v_label TEXT := history_record_label(v_type, v_row);
          v_deal BIGINT := CASE v_type WHEN 'deal' THEN v_id WHEN 'lead' THEN (v_row ->> 'deal_id')::BIGINT END;
          v_field TEXT;
        BEGIN
          IF TG_OP = 'INSERT' THEN
            PERFORM history_write(v_type, v_id, v_label, v_deal, 'change', 'created', NULL, NULL, v_label, NULL);
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM history_write(v_type, v_id, v_label, v_deal, 'change', 'deleted', NULL, v_label, NULL, NULL);
            RETURN OLD;
          ELSE
            v_old := to_jsonb(OLD);
            FOR i IN 1 .. TG_NARGS - 1 LOOP
              v_field := TG_ARGV[i];
              IF (v_old -> v_field) IS DISTINCT FROM (v_row -> v_field) THEN
                PERFORM history_write(v_type, v_id, v_label, v_deal,
                  CASE WHEN v_field LIKE 'next\_step%' THEN 'next_step' ELSE 'change' END, 'updated', v_field,
                  history_display(v_field, v_old ->> v_field), history_display(v_field, v_row ->> v_field), NULL);
              END IF;
            END LOOP;
          END IF;
          RETURN NULL;
        END;
        $$;

        -- A lead's stage and lost reason: "moved from Proposal to Lost", with the reason as detail.
        CREATE OR REPLACE FUNCTION lead_status_history() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          v_lead RECORD;
        BEGIN
          SELECT l.title, l.deal_id INTO v_lead FROM leads l WHERE l.id = NEW.lead_id;
          IF NOT FOUND THEN
            RETURN NULL;
          END IF;
          IF TG_OP = 'INSERT' THEN
            PERFORM history_write('lead', NEW.lead_id, v_lead.title, v_lead.deal_id, 'change', 'created', 'stage',
              NULL, NEW.stage, NEW.reason);
          ELSIF NEW.stage IS DISTINCT FROM OLD.stage THEN
            PERFORM history_write('lead', NEW.lead_id, v_lead.title, v_lead.deal_id, 'change', 'updated', 'stage',
              OLD.stage, NEW.stage, NEW.reason);
          ELSIF NEW.reason IS DISTINCT FROM OLD.reason THEN
            PERFORM history_write('lead', NEW.lead_id, v_lead.title, v_lead.deal_id, 'change', 'updated', 'reason',
              OLD.reason, NEW.reason, NULL);
          END IF;
          RETURN NULL;
        END;
        $$;

        -- A link written as an event on its lead; skipped when the lead itself is gone (its deletion is the event).
        CREATE OR REPLACE FUNCTION history_link_event(p_party TEXT, p_detail_column TEXT, p_row JSONB, p_action TEXT,
          p_field TEXT, p_old TEXT, p_new TEXT) RETURNS void
        LANGUAGE plpgsql AS $$
        DECLARE
          v_lead RECORD;
          v_label TEXT;
        BEGIN
          SELECT l.id, l.title, l.deal_id INTO v_lead FROM leads l WHERE l.id = (p_row ->> 'lead_id')::BIGINT;
          IF NOT FOUND THEN
            RETURN;
          END IF;
          v_label := history_party_label(p_party, (p_row ->> (p_party || '_id'))::BIGINT);
          IF p_action = 'updated' THEN
            PERFORM history_write('lead', v_lead.id, v_lead.title, v_lead.deal_id, 'change', p_action, p_field,
              p_old, p_new, v_label);
          ELSE
            PERFORM history_write('lead', v_lead.id, v_lead.title, v_lead.deal_id, 'change', p_action, p_party,
              CASE WHEN p_action = 'unlinked' THEN v_label END, CASE WHEN p_action = 'linked' THEN v_label END,
              NULLIF(concat_ws(', ', p_row ->> p_detail_column,
                               CASE WHEN (p_row ->> 'is_primary')::BOOLEAN THEN 'primary' END), ''));
          END IF;
        END;
        $$;

        CREATE OR REPLACE FUNCTION lead_link_history() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          v_party TEXT := TG_ARGV[0];
          v_detail_column TEXT := TG_ARGV[1];
          v_new JSONB := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
          v_old JSONB := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
        BEGIN
          IF TG_OP = 'INSERT' THEN
            PERFORM history_link_event(v_party, v_detail_column, v_new, 'linked', NULL, NULL, NULL);
          ELSIF TG_OP = 'DELETE' THEN
            PERFORM history_link_event(v_party, v_detail_column, v_old, 'unlinked', NULL, NULL, NULL);
          ELSIF (v_new -> 'lead_id') IS DISTINCT FROM (v_old -> 'lead_id')
                OR (v_new -> (v_party || '_id')) IS DISTINCT FROM (v_old -> (v_party || '_id')) THEN
            PERFORM history_link_event(v_party, v_detail_column, v_old, 'unlinked', NULL, NULL, NULL);
            PERFORM history_link_event(v_party, v_detail_column, v_new, 'linked', NULL, NULL, NULL);
          ELSE
            IF (v_new -> v_detail_column) IS DISTINCT FROM (v_old -> v_detail_column) THEN
              PERFORM history_link_event(v_party, v_detail_column, v_new, 'updated', v_party || '.' || v_detail_column,
                v_old ->> v_detail_column, v_new ->> v_detail_column);
            END IF;
            IF (v_new -> 'is_primary') IS DISTINCT FROM (v_old -> 'is_primary') THEN
              PERFORM history_link_event(v_party, v_detail_column, v_new, 'updated', v_party || '.is_primary',
                v_old ->> 'is_primary', v_new ->> 'is_primary');
            END IF;
          END IF;
          RETURN NULL;
        END;
        $$;

        -- Append-only, for every role including the owner: an event is never changed or removed.
        CREATE OR REPLACE FUNCTION history_events_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'History is append-only: an event cannot be changed or deleted.'
            USING ERRCODE = 'insufficient_privilege';
        END;
        $$;

        -- The database keeps stage_entered_at: the time of the last stage change. Only the schema owner (the demo
        -- seeder, a data import) may backdate it; for anyone else it is the transaction's time.
        CREATE OR REPLACE FUNCTION keep_stage_entered_at() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE
          v_owner BOOLEAN := pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'MEMBER');
        BEGIN
          IF TG_OP = 'INSERT' THEN
            IF NOT v_owner THEN
              NEW.stage_entered_at := now();
            END IF;
          ELSIF NEW.stage IS DISTINCT FROM OLD.stage THEN
            IF NOT v_owner OR NEW.stage_entered_at IS NOT DISTINCT FROM OLD.stage_entered_at THEN
              NEW.stage_entered_at := now();
            END IF;
          ELSIF NOT v_owner THEN
            NEW.stage_entered_at := OLD.stage_entered_at;
          END IF;
          RETURN NEW;
        END;
        $$;
        """;

    public static string Triggers()
    {
        var records = Records.Select(r => $"""
            CREATE TRIGGER trg_{r.Table}_history AFTER INSERT OR UPDATE ON {r.Table}
              FOR EACH ROW EXECUTE FUNCTION record_history('{r.RecordType}', {string.Join(", ", r.Fields.Select(f => $"'{f}'"))});
            CREATE TRIGGER trg_{r.Table}_history_delete BEFORE DELETE ON {r.Table}
              FOR EACH ROW EXECUTE FUNCTION record_history('{r.RecordType}');
            """);
        var links = Links.Select(l => $"""
            CREATE TRIGGER trg_{l.Table}_history AFTER INSERT OR UPDATE OR DELETE ON {l.Table}
              FOR EACH ROW EXECUTE FUNCTION lead_link_history('{l.Party}', '{l.DetailColumn}');
            """);
        return string.Join("\n", records.Concat(links).Append("""
            CREATE TRIGGER trg_lead_status_history AFTER INSERT OR UPDATE ON lead_status
              FOR EACH ROW EXECUTE FUNCTION lead_status_history();
            CREATE TRIGGER trg_lead_status_stage_entered_at BEFORE INSERT OR UPDATE ON lead_status
              FOR EACH ROW EXECUTE FUNCTION keep_stage_entered_at();
            CREATE TRIGGER trg_history_events_append_only BEFORE UPDATE OR DELETE ON history_events
              FOR EACH ROW EXECUTE FUNCTION history_events_append_only();
            CREATE TRIGGER trg_history_events_no_truncate BEFORE TRUNCATE ON history_events
              FOR EACH STATEMENT EXECUTE FUNCTION history_events_append_only();
            """));
    }

    /// <summary>
    /// Existing leads entered their stage at their status's last update (the best the old schema knew), and each
    /// gets a baseline event "in stage X since …". Runs before the triggers exist, as the owner.
    /// </summary>
    public const string Baseline = """
        UPDATE lead_status SET stage_entered_at = updated_at;
        INSERT INTO history_events (occurred_at, actor_user_id, actor_name, record_type, record_id, record_label, deal_id,
                                    kind, action, field, old_value, new_value, detail)
        SELECT s.updated_at, NULL, 'database', 'lead', l.id, l.title, l.deal_id, 'change', 'baseline', 'stage',
               NULL, s.stage, s.reason
        FROM lead_status s JOIN leads l ON l.id = s.lead_id
        ORDER BY s.updated_at, l.id;
        """;

    /// <summary>
    /// Nobody but the owner writes events, and only through the triggers. The app role (issue 10's
    /// <c>dealtracker_app</c>, where it exists) may read them, nothing else: no INSERT (so it can neither forge an
    /// event nor choose its time), no UPDATE, DELETE or TRUNCATE.
    /// </summary>
    public const string Grants = """
        REVOKE ALL ON history_events FROM PUBLIC;
        REVOKE EXECUTE ON FUNCTION history_write(TEXT, BIGINT, TEXT, BIGINT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
        REVOKE EXECUTE ON FUNCTION history_link_event(TEXT, TEXT, JSONB, TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
        DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dealtracker_app') THEN
            REVOKE ALL ON history_events FROM dealtracker_app;
            REVOKE ALL ON SEQUENCE history_events_id_seq FROM dealtracker_app;
            GRANT SELECT ON history_events TO dealtracker_app;
          END IF;
        END;
        $$;
        """;

    public static string Up() => string.Join("\n", Functions, Baseline, Triggers(), Grants);

    public static string Down() => string.Join("\n",
        Records.SelectMany(r => new[]
        {
            $"DROP TRIGGER IF EXISTS trg_{r.Table}_history ON {r.Table};",
            $"DROP TRIGGER IF EXISTS trg_{r.Table}_history_delete ON {r.Table};",
        })
        .Concat(Links.Select(l => $"DROP TRIGGER IF EXISTS trg_{l.Table}_history ON {l.Table};"))
        .Append("""
            DROP TRIGGER IF EXISTS trg_lead_status_history ON lead_status;
            DROP TRIGGER IF EXISTS trg_lead_status_stage_entered_at ON lead_status;
            DROP FUNCTION IF EXISTS keep_stage_entered_at();
            DROP FUNCTION IF EXISTS history_events_append_only() CASCADE;
            DROP FUNCTION IF EXISTS lead_link_history();
            DROP FUNCTION IF EXISTS history_link_event(TEXT, TEXT, JSONB, TEXT, TEXT, TEXT, TEXT);
            DROP FUNCTION IF EXISTS lead_status_history();
            DROP FUNCTION IF EXISTS record_history();
            DROP FUNCTION IF EXISTS history_write(TEXT, BIGINT, TEXT, BIGINT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT);
            DROP FUNCTION IF EXISTS history_record_label(TEXT, JSONB);
            DROP FUNCTION IF EXISTS history_display(TEXT, TEXT);
            DROP FUNCTION IF EXISTS history_party_label(TEXT, BIGINT);
            DROP FUNCTION IF EXISTS history_actor();
            DROP FUNCTION IF EXISTS history_now();
            """));
}
