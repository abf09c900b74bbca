using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// A link and a rename of the same party meet on one stamp row, so a rename whose snapshot predates a link is a
    /// serialization failure instead of a stale search text. SQL only: the EF model does not change (see
    /// <see cref="LeadSearchSql"/>).
    /// </summary>
    public partial class LeadSearchPartyStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LeadSearchSql.StampPartiesUp);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LeadSearchSql.StampPartiesDown);
        }
    }
}
