using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// Which party names a lead, defined once in the database (see <see cref="Leads.LeadParty"/>): the primary
    /// organization, else the primary individual, else the organization linked first, else the individual linked
    /// first (ties by id). Both the /leads list (EF) and the board's SQL call it.
    /// </summary>
    public partial class LeadPartyName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION lead_party_name(p_lead_id bigint) RETURNS text
                LANGUAGE sql STABLE PARALLEL SAFE AS $$
                    SELECT p.name FROM (
                        SELECT o.name, lo.is_primary, 0 AS kind, lo.created_at, o.id
                        FROM lead_organizations lo JOIN organizations o ON o.id = lo.organization_id
                        WHERE lo.lead_id = p_lead_id
                        UNION ALL
                        SELECT i.given_name || ' ' || i.family_name, li.is_primary, 1, li.created_at, i.id
                        FROM lead_individuals li JOIN individuals i ON i.id = li.individual_id
                        WHERE li.lead_id = p_lead_id) p
                    ORDER BY p.is_primary DESC, p.kind, p.created_at, p.id
                    LIMIT 1
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS lead_party_name(bigint);");
        }
    }
}
