namespace DealTracker.Data.Migrations;

/// <summary>
/// The history triggers on UPDATE fire only when a column they record changed (a <c>WHEN</c> condition, checked by
/// PostgreSQL before any PL/pgSQL runs). A stage move also writes its lead (the "last updated" time, every column as EF
/// Core writes a modified entity): that UPDATE used to run two history functions that then found nothing to record.
/// The events written are the same as before; triggers of one kind still fire in name order (created, then next step).
/// </summary>
internal static class HistoryTriggerConditionsSql
{
    private static readonly string[] NextStepColumns = ["next_step", "next_step_due_on", "next_step_due_time"];

    private static string AnyChanged(IEnumerable<string> columns) =>
        string.Join(" OR ", columns.Select(c => $"OLD.{c} IS DISTINCT FROM NEW.{c}"));

    private static string Arguments(string recordType, IEnumerable<string> fields) =>
        string.Join(", ", fields.Select(f => $"'{f}'").Prepend($"'{recordType}'"));

    public static string Up() => string.Join("\n", HistorySql.Records.Select(r => $"""
        DROP TRIGGER trg_{r.Table}_history ON {r.Table};
        CREATE TRIGGER trg_{r.Table}_history AFTER INSERT ON {r.Table}
          FOR EACH ROW EXECUTE FUNCTION record_history({Arguments(r.RecordType, r.Fields)});
        CREATE TRIGGER trg_{r.Table}_history_update AFTER UPDATE ON {r.Table}
          FOR EACH ROW WHEN ({AnyChanged(r.Fields)})
          EXECUTE FUNCTION record_history({Arguments(r.RecordType, r.Fields)});
        """).Append($"""
        DROP TRIGGER trg_leads_next_step_history ON leads;
        CREATE TRIGGER trg_leads_next_step_history AFTER INSERT ON leads
          FOR EACH ROW WHEN (NEW.next_step IS NOT NULL) EXECUTE FUNCTION lead_next_step_history();
        CREATE TRIGGER trg_leads_next_step_history_update AFTER UPDATE ON leads
          FOR EACH ROW WHEN ({AnyChanged(NextStepColumns)}) EXECUTE FUNCTION lead_next_step_history();
        DROP TRIGGER trg_lead_status_history ON lead_status;
        CREATE TRIGGER trg_lead_status_history AFTER INSERT ON lead_status
          FOR EACH ROW EXECUTE FUNCTION lead_status_history();
        CREATE TRIGGER trg_lead_status_history_update AFTER UPDATE ON lead_status
          FOR EACH ROW WHEN ({AnyChanged(["stage", "reason"])}) EXECUTE FUNCTION lead_status_history();
        """));

    public static string Down() => string.Join("\n", HistorySql.Records.Select(r => $"""
        DROP TRIGGER trg_{r.Table}_history_update ON {r.Table};
        DROP TRIGGER trg_{r.Table}_history ON {r.Table};
        CREATE TRIGGER trg_{r.Table}_history AFTER INSERT OR UPDATE ON {r.Table}
          FOR EACH ROW EXECUTE FUNCTION record_history({Arguments(r.RecordType, r.Fields)});
        """).Append("""
        DROP TRIGGER trg_leads_next_step_history_update ON leads;
        DROP TRIGGER trg_leads_next_step_history ON leads;
        CREATE TRIGGER trg_leads_next_step_history AFTER INSERT OR UPDATE ON leads
          FOR EACH ROW EXECUTE FUNCTION lead_next_step_history();
        DROP TRIGGER trg_lead_status_history_update ON lead_status;
        DROP TRIGGER trg_lead_status_history ON lead_status;
        CREATE TRIGGER trg_lead_status_history AFTER INSERT OR UPDATE ON lead_status
          FOR EACH ROW EXECUTE FUNCTION lead_status_history();
        """));
}
