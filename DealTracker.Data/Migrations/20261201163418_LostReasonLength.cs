using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// One limit for the reason a lead moved to a stage (Limits.Reason, 200), held by the database. A board move used
    /// to save up to 500 characters: such reasons are kept whole by copying the full text into the lead's description,
    /// and the reason itself is shortened to fit (ending in "…"). The CHECK is added NOT VALID first, so no new
    /// over-long reason can arrive while the old ones are fixed, then validated.
    /// </summary>
    public partial class LostReasonLength : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE lead_status ADD CONSTRAINT lead_status_reason_length_check
                    CHECK (char_length(reason) <= 200) NOT VALID;

                UPDATE leads l
                SET description = concat_ws(E'\n\n', NULLIF(l.description, ''),
                                            'Reason for ' || s.stage || ' (full text): ' || s.reason)
                FROM lead_status s
                WHERE s.lead_id = l.id AND char_length(s.reason) > 200;

                UPDATE lead_status SET reason = left(reason, 199) || '…' WHERE char_length(reason) > 200;

                ALTER TABLE lead_status VALIDATE CONSTRAINT lead_status_reason_length_check;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "lead_status_reason_length_check",
                table: "lead_status");
        }
    }
}
