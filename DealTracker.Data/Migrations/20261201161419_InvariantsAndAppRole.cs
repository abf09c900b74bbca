using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// Invariants no race can break (party and status rules lock their lead, picklist values become foreign keys)
    /// and the app role's grants. SQL only: the EF model does not change (see <see cref="InvariantsSql"/>).
    /// </summary>
    public partial class InvariantsAndAppRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(InvariantsSql.Up());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The party check keeps its stronger form; the picklist triggers the foreign keys replaced come back.
            migrationBuilder.Sql(InvariantsSql.Down);
            migrationBuilder.Sql(InitialSchemaSql.PicklistMembership);
        }
    }
}
