using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeHistoryNotesAndNextSteps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_lead_status_stage_updated_at_lead_id",
                table: "lead_status");

            migrationBuilder.AddColumn<string>(
                name: "next_step",
                table: "leads",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "next_step_due_on",
                table: "leads",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "next_step_due_time",
                table: "leads",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "stage_entered_at",
                table: "lead_status",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.CreateTable(
                name: "history_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.SerialColumn),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    actor_user_id = table.Column<long>(type: "bigint", nullable: true),
                    actor_name = table.Column<string>(type: "text", nullable: false),
                    record_type = table.Column<string>(type: "text", nullable: false),
                    record_id = table.Column<long>(type: "bigint", nullable: false),
                    record_label = table.Column<string>(type: "text", nullable: true),
                    deal_id = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    field = table.Column<string>(type: "text", nullable: true),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    note_id = table.Column<long>(type: "bigint", nullable: true),
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("history_events_pkey", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.SerialColumn),
                    lead_id = table.Column<long>(type: "bigint", nullable: true),
                    deal_id = table.Column<long>(type: "bigint", nullable: true),
                    author_user_id = table.Column<long>(type: "bigint", nullable: true),
                    body = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("notes_pkey", x => x.id);
                    table.CheckConstraint("notes_body_check", "char_length(btrim(body)) BETWEEN 1 AND 10000");
                    table.CheckConstraint("notes_one_record_check", "num_nonnulls(lead_id, deal_id) = 1");
                    table.ForeignKey(
                        name: "notes_author_user_id_fkey",
                        column: x => x.author_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "notes_deal_id_fkey",
                        column: x => x.deal_id,
                        principalTable: "deals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "notes_lead_id_fkey",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "idx_leads_owner_next_step_due_on",
                table: "leads",
                columns: new[] { "owner_user_id", "next_step_due_on" },
                filter: "next_step IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "leads_next_step_due_check",
                table: "leads",
                sql: "(next_step IS NULL) = (next_step_due_on IS NULL)");

            migrationBuilder.AddCheckConstraint(
                name: "leads_next_step_length_check",
                table: "leads",
                sql: "char_length(next_step) <= 500");

            migrationBuilder.AddCheckConstraint(
                name: "leads_next_step_time_check",
                table: "leads",
                sql: "next_step_due_time IS NULL OR next_step_due_on IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "idx_lead_status_stage_entered_at_lead_id",
                table: "lead_status",
                columns: new[] { "stage", "stage_entered_at", "lead_id" },
                descending: new[] { false, true, true });

            migrationBuilder.CreateIndex(
                name: "idx_history_events_deal",
                table: "history_events",
                columns: new[] { "deal_id", "occurred_at", "id" },
                descending: new[] { false, true, true },
                filter: "deal_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "idx_history_events_record",
                table: "history_events",
                columns: new[] { "record_type", "record_id", "occurred_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "idx_notes_author_user_id",
                table: "notes",
                column: "author_user_id");

            migrationBuilder.CreateIndex(
                name: "idx_notes_deal_id",
                table: "notes",
                column: "deal_id");

            migrationBuilder.CreateIndex(
                name: "idx_notes_lead_id",
                table: "notes",
                column: "lead_id");

            // History triggers, grants, the append-only guard and the baseline "in stage X" events; then the history
            // of notes and next steps.
            migrationBuilder.Sql(HistorySql.Up());
            migrationBuilder.Sql(NotesSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NotesSql.Down);
            migrationBuilder.Sql(HistorySql.Down());

            migrationBuilder.DropTable(
                name: "history_events");

            migrationBuilder.DropTable(
                name: "notes");

            migrationBuilder.DropIndex(
                name: "idx_leads_owner_next_step_due_on",
                table: "leads");

            migrationBuilder.DropCheckConstraint(
                name: "leads_next_step_due_check",
                table: "leads");

            migrationBuilder.DropCheckConstraint(
                name: "leads_next_step_length_check",
                table: "leads");

            migrationBuilder.DropCheckConstraint(
                name: "leads_next_step_time_check",
                table: "leads");

            migrationBuilder.DropIndex(
                name: "idx_lead_status_stage_entered_at_lead_id",
                table: "lead_status");

            migrationBuilder.DropColumn(
                name: "next_step",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "next_step_due_on",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "next_step_due_time",
                table: "leads");

            migrationBuilder.DropColumn(
                name: "stage_entered_at",
                table: "lead_status");

            migrationBuilder.CreateIndex(
                name: "idx_lead_status_stage_updated_at_lead_id",
                table: "lead_status",
                columns: new[] { "stage", "updated_at", "lead_id" },
                descending: new[] { false, true, true });
        }
    }
}
