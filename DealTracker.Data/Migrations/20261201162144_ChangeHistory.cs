using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <inheritdoc />
    public partial class ChangeHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_lead_status_stage_updated_at_lead_id",
                table: "lead_status");

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
                    detail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("history_events_pkey", x => x.id);
                });

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

            migrationBuilder.Sql(HistorySql.Up());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HistorySql.Down());

            migrationBuilder.DropTable(
                name: "history_events");

            migrationBuilder.DropIndex(
                name: "idx_lead_status_stage_entered_at_lead_id",
                table: "lead_status");

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
