using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealTracker.Data.Migrations
{
    /// <summary>
    /// An import writes thousands of rows in many statements; open boards should refresh once. The change-notice trigger
    /// function stays quiet in a transaction that set <c>dealtracker.hold_change_notices</c> (Import.ChangeAnnouncement),
    /// which then announces each table it wrote once. Every other write announces itself as before.
    /// </summary>
    public partial class BatchedChangeNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION notify_dealtracker_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                  v_column TEXT := TG_ARGV[0];
                  v_ids BIGINT[];
                BEGIN
                  IF current_setting('dealtracker.hold_change_notices', true) = 'on' THEN
                    RETURN NULL; -- a bulk write (an import) announces its tables once itself, at its end
                  END IF;
                  IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(DISTINCT (to_jsonb(r) ->> v_column)::BIGINT) INTO v_ids FROM changed_new r;
                  ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(DISTINCT (to_jsonb(r) ->> v_column)::BIGINT) INTO v_ids FROM changed_old r;
                  ELSE
                    SELECT array_agg(DISTINCT id) INTO v_ids FROM (
                      SELECT (to_jsonb(n) ->> v_column)::BIGINT AS id FROM changed_new n
                      UNION SELECT (to_jsonb(o) ->> v_column)::BIGINT FROM changed_old o) s;
                  END IF;
                  IF v_ids IS NULL THEN
                    RETURN NULL; -- the statement touched no row
                  END IF;
                  PERFORM pg_notify('dealtracker_changes', json_build_object(
                    't', TG_TABLE_NAME, 'op', TG_OP,
                    'ids', CASE WHEN cardinality(v_ids) <= 100 THEN to_json(v_ids) END)::text);
                  RETURN NULL;
                END;
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION notify_dealtracker_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                  v_column TEXT := TG_ARGV[0];
                  v_ids BIGINT[];
                BEGIN
                  IF TG_OP = 'INSERT' THEN
                    SELECT array_agg(DISTINCT (to_jsonb(r) ->> v_column)::BIGINT) INTO v_ids FROM changed_new r;
                  ELSIF TG_OP = 'DELETE' THEN
                    SELECT array_agg(DISTINCT (to_jsonb(r) ->> v_column)::BIGINT) INTO v_ids FROM changed_old r;
                  ELSE
                    SELECT array_agg(DISTINCT id) INTO v_ids FROM (
                      SELECT (to_jsonb(n) ->> v_column)::BIGINT AS id FROM changed_new n
                      UNION SELECT (to_jsonb(o) ->> v_column)::BIGINT FROM changed_old o) s;
                  END IF;
                  IF v_ids IS NULL THEN
                    RETURN NULL; -- the statement touched no row
                  END IF;
                  PERFORM pg_notify('dealtracker_changes', json_build_object(
                    't', TG_TABLE_NAME, 'op', TG_OP,
                    'ids', CASE WHEN cardinality(v_ids) <= 100 THEN to_json(v_ids) END)::text);
                  RETURN NULL;
                END;
                $$;
                """);
        }
    }
}
