using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// Runs before <see cref="InitialSchema"/>: a legacy database (tables <c>job</c> and <c>leadstatus</c>) is checked
    /// and set aside so the migrations can create today's tables; any other database is untouched. SQL only (see
    /// <see cref="LegacyUpgradeSql"/>); <see cref="AdoptLegacyRows"/> finishes the upgrade.
    /// </summary>
    public partial class AdoptLegacySchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LegacyUpgradeSql.SetAside());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: on a legacy database the tables set aside are gone once AdoptLegacyRows has run.
        }
    }
}
