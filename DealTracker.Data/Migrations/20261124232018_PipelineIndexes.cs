using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <inheritdoc />
    public partial class PipelineIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "idx_lead_status_stage_updated_at_lead_id",
                table: "lead_status",
                columns: new[] { "stage", "updated_at", "lead_id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_lead_status_stage_updated_at_lead_id",
                table: "lead_status");
        }
    }
}
