using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>History of inserts written once per statement, same events (see <see cref="HistoryInsertStatementSql"/>).</summary>
    public partial class HistoryInsertPerStatement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HistoryInsertStatementSql.Up());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HistoryInsertStatementSql.Down());
        }
    }
}
