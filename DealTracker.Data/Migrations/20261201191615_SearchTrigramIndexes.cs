using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// Trigram (pg_trgm) indexes for "contains" searches (ILIKE '%term%'): the app-bar search and the /leads search
    /// read the names through these indexes instead of scanning every row. pg_trgm is a trusted extension (PostgreSQL
    /// 13+): the database's owner may create it without being a superuser, so this works for a superuser and for the
    /// owner role alike. Hand-written SQL only; the model snapshot does not change.
    /// </summary>
    public partial class SearchTrigramIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE INDEX idx_leads_title_trgm ON leads USING gin (title gin_trgm_ops);
                CREATE INDEX idx_deals_name_trgm ON deals USING gin (name gin_trgm_ops);
                CREATE INDEX idx_organizations_name_trgm ON organizations USING gin (name gin_trgm_ops);
                -- The same expression the queries write for a person's name (given name, a space, family name).
                CREATE INDEX idx_individuals_full_name_trgm ON individuals USING gin ((given_name || ' ' || family_name) gin_trgm_ops);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The extension stays: something else in the database may use it.
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS idx_individuals_full_name_trgm;
                DROP INDEX IF EXISTS idx_organizations_name_trgm;
                DROP INDEX IF EXISTS idx_deals_name_trgm;
                DROP INDEX IF EXISTS idx_leads_title_trgm;
                """);
        }
    }
}
