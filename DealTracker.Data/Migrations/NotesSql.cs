namespace DealTracker.Data.Migrations;

/// <summary>
/// Notes and next steps in the history: every note added, edited or deleted, and every next step set, changed or
/// completed, is an event written by the database (see <see cref="HistorySql"/> for the actor and the guards).
/// </summary>
internal static class NotesSql
{
    public const string Up = """
        -- A note event carries the note's text before and after, and the note's id.
        CREATE OR REPLACE FUNCTION note_history() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          v_lead_id BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.lead_id ELSE NEW.lead_id END;
          v_deal_id BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.deal_id ELSE NEW.deal_id END;
          v_note_id BIGINT := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
          v_type TEXT;
          v_label TEXT;
          v_deal BIGINT;
          v_actor RECORD;
        BEGIN
          IF v_lead_id IS NOT NULL THEN
            SELECT 'lead', l.title, l.deal_id INTO v_type, v_label, v_deal FROM leads l WHERE l.id = v_lead_id;
          ELSE
            SELECT 'deal', d.name, d.id INTO v_type, v_label, v_deal FROM deals d WHERE d.id = v_deal_id;
          END IF;
          IF v_type IS NULL OR (TG_OP = 'UPDATE' AND NEW.body IS NOT DISTINCT FROM OLD.body) THEN
            -- The record itself is gone (its deletion is the event), or nothing a reader would see changed.
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD END;
          END IF;
          SELECT * INTO v_actor FROM history_actor();
          INSERT INTO history_events (occurred_at, actor_user_id, actor_name, record_type, record_id, record_label, deal_id,
                                      kind, action, field, old_value, new_value, detail, note_id)
          VALUES (history_now(), v_actor.actor_user_id, v_actor.actor_name, v_type, COALESCE(v_lead_id, v_deal_id), v_label, v_deal,
                  'note', CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END, 'note',
                  CASE WHEN TG_OP <> 'INSERT' THEN OLD.body END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.body END, NULL, v_note_id);
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD END;
        END;
        $$;

        CREATE TRIGGER trg_notes_history AFTER INSERT OR UPDATE ON notes
          FOR EACH ROW EXECUTE FUNCTION note_history();
        CREATE TRIGGER trg_notes_history_delete BEFORE DELETE ON notes
          FOR EACH ROW EXECUTE FUNCTION note_history();

        -- Live updates for notes, like the other tables (ids are note ids).
        CREATE TRIGGER trg_notes_notify_insert AFTER INSERT ON notes REFERENCING NEW TABLE AS changed_new
          FOR EACH STATEMENT EXECUTE FUNCTION notify_dealtracker_change('id');
        CREATE TRIGGER trg_notes_notify_update AFTER UPDATE ON notes REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
          FOR EACH STATEMENT EXECUTE FUNCTION notify_dealtracker_change('id');
        CREATE TRIGGER trg_notes_notify_delete AFTER DELETE ON notes REFERENCING OLD TABLE AS changed_old
          FOR EACH STATEMENT EXECUTE FUNCTION notify_dealtracker_change('id');

        -- A next step reads as one value: "Call Dana — due 2026-12-03 10:00".
        CREATE OR REPLACE FUNCTION history_next_step_text(p_text TEXT, p_due_on DATE, p_due_time TIME) RETURNS TEXT
        LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE WHEN p_text IS NULL THEN NULL
                      ELSE p_text || ' — due ' || to_char(p_due_on, 'YYYY-MM-DD') || COALESCE(' ' || to_char(p_due_time, 'HH24:MI'), '')
                 END
        $$;

        -- Setting, changing or completing (clearing) a lead's next step is one event.
        CREATE OR REPLACE FUNCTION lead_next_step_history() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          v_old TEXT := CASE WHEN TG_OP = 'UPDATE' THEN history_next_step_text(OLD.next_step, OLD.next_step_due_on, OLD.next_step_due_time) END;
          v_new TEXT := history_next_step_text(NEW.next_step, NEW.next_step_due_on, NEW.next_step_due_time);
        BEGIN
          IF v_old IS NOT DISTINCT FROM v_new THEN
            RETURN NULL;
          END IF;
          PERFORM history_write('lead', NEW.id, NEW.title, NEW.deal_id, 'next_step',
            CASE WHEN v_old IS NULL THEN 'created' WHEN v_new IS NULL THEN 'completed' ELSE 'updated' END,
            'next_step', v_old, v_new, NULL);
          RETURN NULL;
        END;
        $$;

        CREATE TRIGGER trg_leads_next_step_history AFTER INSERT OR UPDATE ON leads
          FOR EACH ROW EXECUTE FUNCTION lead_next_step_history();

        DO $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dealtracker_app') THEN
            GRANT SELECT, INSERT, UPDATE, DELETE ON notes TO dealtracker_app;
            GRANT USAGE, SELECT ON SEQUENCE notes_id_seq TO dealtracker_app;
          END IF;
        END;
        $$;
        """;

    public const string Down = """
        DROP TRIGGER IF EXISTS trg_leads_next_step_history ON leads;
        DROP FUNCTION IF EXISTS lead_next_step_history();
        DROP FUNCTION IF EXISTS history_next_step_text(TEXT, DATE, TIME);
        DROP FUNCTION IF EXISTS note_history() CASCADE;
        """;
}
