using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>History triggers on UPDATE fire only when a recorded column changed (see <see cref="HistoryTriggerConditionsSql"/>).</summary>
    public partial class HistoryTriggerConditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HistoryTriggerConditionsSql.Up());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HistoryTriggerConditionsSql.Down());
        }
    }
}
