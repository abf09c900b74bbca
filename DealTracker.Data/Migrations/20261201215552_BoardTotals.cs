using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// The board's column totals kept by triggers in the writing transaction, counted once here for the rows there
    /// are. SQL only: the EF model does not change (see <see cref="BoardTotalsSql"/>).
    /// </summary>
    public partial class BoardTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(BoardTotalsSql.Up());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(BoardTotalsSql.Down);
        }
    }
}
