using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// The party rule reads the winning link's name by primary key after choosing it, so a board's card read keeps an
    /// index lookup per card on small tables too. SQL only: the EF model does not change (see
    /// <see cref="BoardTotalsSql.PartyRuleNameAfterChoice"/>).
    /// </summary>
    public partial class LeadPartyNameAfterChoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(BoardTotalsSql.PartyRuleNameAfterChoice);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(BoardTotalsSql.PartyRule);
        }
    }
}
