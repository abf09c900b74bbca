namespace DealTracker.Data.Migrations;

/// <summary>
/// The history of inserts is written once per statement instead of once per row: each AFTER INSERT history trigger
/// becomes a statement-level trigger over the inserted rows (<c>REFERENCING NEW TABLE</c>) that writes the same events
/// with one INSERT … SELECT, the actor read once. A statement of one row (every save through EF Core) writes exactly
/// the event it wrote before; a statement of many rows (an import) writes the same events, one per row in id order,
/// without a PL/pgSQL call and an INSERT per row. Labels, details and the next-step text come from the functions the
/// row-level triggers use (<see cref="HistorySql"/>, <see cref="NotesSql"/>). Updates and deletes keep their
/// row-level triggers.
/// </summary>
internal static class HistoryInsertStatementSql
{
    private static readonly (string Table, string Party, string DetailColumn)[] Links =
    [
        ("lead_organizations", "organization", "relationship"),
        ("lead_individuals", "individual", "relationship"),
        ("lead_contacts", "contact", "role_on_lead"),
    ];

    private const string Functions = """
        -- Records created: "created", labelled as record_history labels them.
        CREATE OR REPLACE FUNCTION record_history_inserted() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          v_type TEXT := TG_ARGV[0];
        BEGIN
          INSERT INTO history_events (occurred_at, actor_user_id, actor_name, record_type, record_id, record_label, deal_id,
                                      kind, action, field, old_value, new_value, detail)
          SELECT history_now(), a.actor_user_id, a.actor_name, v_type, r.id, r.label,
                 CASE v_type WHEN 'deal' THEN r.id WHEN 'lead' THEN r.deal_id END, 'change', 'created', NULL, NULL, r.label, NULL
          FROM history_actor() a,
               LATERAL (SELECT (j ->> 'id')::BIGINT AS id, (j ->> 'deal_id')::BIGINT AS deal_id, history_record_label(v_type, j) AS label
                        FROM inserted_rows n, to_jsonb(n) j) r
          ORDER BY r.id;
          RETURN NULL;
        END;
        $$;

        -- Leads created with a next step: "next step created", as lead_next_step_history writes it.
        CREATE OR REPLACE FUNCTION lead_next_step_history_inserted() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
          INSERT INTO history_events (occurred_at, actor_user_id, actor_name, record_type, record_id, record_label, deal_id,
                                      kind, action, field, old_value, new_value, detail)
          SELECT history_now(), a.actor_user_id, a.actor_name, 'lead', n.id, n.title, n.deal_id, 'next_step', 'created',
                 'next_step', NULL, history_next_step_text(n.next_step, n.next_step_due_on, n.next_step_due_time), NULL
          FROM history_actor() a, inserted_rows n
          WHERE history_next_step_text(n.next_step, n.next_step_due_on, n.next_step_due_time) IS NOT NULL
          ORDER BY n.id;
          RETURN NULL;
        END;
        $$;

        -- A lead's first status: "created in stage X", as lead_status_history writes it (none when the lead is gone).
        CREATE OR REPLACE FUNCTION lead_status_history_inserted() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        BEGIN
          INSERT INTO history_events (occurred_at, actor_user_id, actor_name, record_type, record_id, record_label, deal_id,
                                      kind, action, field, old_value, new_value, detail)
          SELECT history_now(), a.actor_user_id, a.actor_name, 'lead', n.lead_id, l.title, l.deal_id, 'change', 'created',
                 'stage', NULL, n.stage, n.reason
          FROM history_actor() a, inserted_rows n JOIN leads l ON l.id = n.lead_id
          ORDER BY n.lead_id;
          RETURN NULL;
        END;
        $$;

        -- Links added: "linked" on their lead, as history_link_event writes them (none when the lead is gone).
        CREATE OR REPLACE FUNCTION lead_link_history_inserted() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
        DECLARE
          v_party TEXT := TG_ARGV[0];
          v_detail_column TEXT := TG_ARGV[1];
        BEGIN
          INSERT INTO history_events (occurred_at, actor_user_id, actor_name, record_type, record_id, record_label, deal_id,
                                      kind, action, field, old_value, new_value, detail)
          SELECT history_now(), a.actor_user_id, a.actor_name, 'lead', l.id, l.title, l.deal_id, 'change', 'linked', v_party,
                 NULL, history_party_label(v_party, (j ->> (v_party || '_id'))::BIGINT),
                 NULLIF(concat_ws(', ', j ->> v_detail_column, CASE WHEN (j ->> 'is_primary')::BOOLEAN THEN 'primary' END), '')
          FROM history_actor() a, inserted_rows n CROSS JOIN LATERAL to_jsonb(n) j
          JOIN leads l ON l.id = (j ->> 'lead_id')::BIGINT
          ORDER BY l.id, (j ->> (v_party || '_id'))::BIGINT;
          RETURN NULL;
        END;
        $$;
        """;

    /// <summary>Replaces the row-level AFTER INSERT trigger <paramref name="trigger"/> by a statement-level one of the same name.</summary>
    private static string PerStatement(string table, string trigger, string function) => $"""
        DROP TRIGGER {trigger} ON {table};
        CREATE TRIGGER {trigger} AFTER INSERT ON {table} REFERENCING NEW TABLE AS inserted_rows
          FOR EACH STATEMENT EXECUTE FUNCTION {function};
        """;

    public static string Up() => string.Join("\n",
        HistorySql.Records.Select(r => PerStatement(r.Table, $"trg_{r.Table}_history", $"record_history_inserted('{r.RecordType}')"))
            .Prepend(Functions)
            .Concat(Links.Select(l => $"""
                DROP TRIGGER trg_{l.Table}_history ON {l.Table};
                CREATE TRIGGER trg_{l.Table}_history AFTER UPDATE OR DELETE ON {l.Table}
                  FOR EACH ROW EXECUTE FUNCTION lead_link_history('{l.Party}', '{l.DetailColumn}');
                CREATE TRIGGER trg_{l.Table}_history_insert AFTER INSERT ON {l.Table} REFERENCING NEW TABLE AS inserted_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION lead_link_history_inserted('{l.Party}', '{l.DetailColumn}');
                """))
            .Append(PerStatement("leads", "trg_leads_next_step_history", "lead_next_step_history_inserted()"))
            .Append(PerStatement("lead_status", "trg_lead_status_history", "lead_status_history_inserted()")));

    /// <summary>Back to the row-level INSERT triggers of <see cref="HistoryTriggerConditionsSql"/>.</summary>
    public static string Down() => string.Join("\n",
        HistorySql.Records.Select(r => $"""
            DROP TRIGGER trg_{r.Table}_history ON {r.Table};
            CREATE TRIGGER trg_{r.Table}_history AFTER INSERT ON {r.Table}
              FOR EACH ROW EXECUTE FUNCTION record_history({string.Join(", ", r.Fields.Select(f => $"'{f}'").Prepend($"'{r.RecordType}'"))});
            """)
        .Concat(Links.Select(l => $"""
            DROP TRIGGER trg_{l.Table}_history_insert ON {l.Table};
            DROP TRIGGER trg_{l.Table}_history ON {l.Table};
            CREATE TRIGGER trg_{l.Table}_history AFTER INSERT OR UPDATE OR DELETE ON {l.Table}
              FOR EACH ROW EXECUTE FUNCTION lead_link_history('{l.Party}', '{l.DetailColumn}');
            """))
        .Append("""
            DROP TRIGGER trg_leads_next_step_history ON leads;
            CREATE TRIGGER trg_leads_next_step_history AFTER INSERT ON leads
              FOR EACH ROW WHEN (NEW.next_step IS NOT NULL) EXECUTE FUNCTION lead_next_step_history();
            DROP TRIGGER trg_lead_status_history ON lead_status;
            CREATE TRIGGER trg_lead_status_history AFTER INSERT ON lead_status
              FOR EACH ROW EXECUTE FUNCTION lead_status_history();
            DROP FUNCTION record_history_inserted();
            DROP FUNCTION lead_next_step_history_inserted();
            DROP FUNCTION lead_status_history_inserted();
            DROP FUNCTION lead_link_history_inserted();
            """));
}
