using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// The second half of the legacy upgrade (see <see cref="LegacyUpgradeSql"/>): the rows that
    /// <see cref="AdoptLegacySchema"/> set aside are copied into today's tables with their ids. SQL only.
    /// </summary>
    public partial class AdoptLegacyRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LegacyUpgradeSql.CopyRows());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The adopted rows are today's rows: there is no legacy database to go back to.
        }
    }
}
