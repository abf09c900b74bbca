using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// <c>lead_search</c>: one lower-cased search text per lead with one trigram index, kept by triggers
    /// (<see cref="LeadSearchSql"/>), so a lead search reads one index instead of a union over five tables. Filled
    /// before its index is built.
    /// </summary>
    public partial class LeadSearchDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "lead_search",
                columns: table => new
                {
                    lead_id = table.Column<long>(type: "bigint", nullable: false),
                    owner_user_id = table.Column<long>(type: "bigint", nullable: true),
                    document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("lead_search_pkey", x => x.lead_id);
                    table.ForeignKey(
                        name: "lead_search_lead_id_fkey",
                        column: x => x.lead_id,
                        principalTable: "leads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql(LeadSearchSql.Up);

            migrationBuilder.CreateIndex(
                name: "idx_lead_search_document_trgm",
                table: "lead_search",
                column: "document")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(LeadSearchSql.Down);

            migrationBuilder.DropTable(
                name: "lead_search");
        }
    }
}
