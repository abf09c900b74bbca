namespace DealTracker.Data.Migrations;

/// <summary>
/// Adopts a database built from the seed's DDL before its renames: tables <c>job</c> and <c>leadstatus</c> beside the
/// seed's other tables and no migrations history. <see cref="SetAside"/> runs before the first migration: it checks
/// every legacy row against today's rules and refuses with a report of the rows that break one (nothing changed), or
/// moves the legacy tables into the schema <c>legacy_upgrade</c> so the migrations create today's tables. After the
/// last schema migration <see cref="CopyRows"/> copies the rows with their ids, advances the sequences and drops the
/// legacy schema. A database without <c>job</c> and <c>leadstatus</c> (or that already has <c>deals</c>) is untouched.
/// </summary>
internal static class LegacyUpgradeSql
{
    private const string Schema = "legacy_upgrade";

    /// <summary>The seed's tables a legacy database must have; <c>picklists</c> is optional in the seed.</summary>
    private static readonly string[] LegacyTables =
        ["job", "leadstatus", "leads", "organizations", "individuals", "contacts", "lead_contacts", "lead_organizations",
         "lead_individuals"];

    /// <summary>At most this many offending rows are listed; the count is always complete.</summary>
    private const int ReportLines = 200;

    public static string SetAside() => $$"""
        DO $legacy$
        DECLARE
          t TEXT;
          problems TEXT[];
          problem_count INT;
        BEGIN
          IF to_regclass('public.job') IS NULL OR to_regclass('public.leadstatus') IS NULL
             OR to_regclass('public.deals') IS NOT NULL THEN
            RETURN; -- not a legacy database: nothing to adopt
          END IF;
          FOREACH t IN ARRAY ARRAY['{{string.Join("','", LegacyTables)}}'] LOOP
            IF to_regclass('public.' || t) IS NULL THEN
              RAISE EXCEPTION 'The legacy upgrade was refused: the database has job and leadstatus but no table "%". Nothing was changed.', t
                USING ERRCODE = 'check_violation', CONSTRAINT = 'legacy_upgrade_refused';
            END IF;
          END LOOP;

          CREATE SCHEMA {{Schema}};
          FOREACH t IN ARRAY ARRAY['{{string.Join("','", LegacyTables)}}', 'picklists'] LOOP
            IF to_regclass('public.' || t) IS NOT NULL THEN
              EXECUTE format('ALTER TABLE public.%I SET SCHEMA {{Schema}}', t);
            END IF;
          END LOOP;
          -- The seed's party trigger (no lead could ever be inserted under it); the migrations create the corrected one.
          DROP FUNCTION IF EXISTS public.enforce_lead_party_presence() CASCADE;

          -- The values a legacy row may use: the legacy picklists plus the seed's, as the migrations will create them.
          CREATE TABLE IF NOT EXISTS {{Schema}}.picklists (
            id BIGSERIAL PRIMARY KEY, category TEXT NOT NULL, value TEXT NOT NULL, UNIQUE (category, value));
          ALTER TABLE {{Schema}}.picklists
            ADD COLUMN IF NOT EXISTS sort_order INT NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS is_active BOOLEAN NOT NULL DEFAULT true,
            ADD COLUMN IF NOT EXISTS needs_reason BOOLEAN NOT NULL DEFAULT false,
            ADD COLUMN IF NOT EXISTS is_closed BOOLEAN NOT NULL DEFAULT false;
          {{SeedValuesInto}}

          SELECT array_agg(line ORDER BY ord, line), count(*) INTO problems, problem_count FROM (
            {{RuleChecks}}
          ) found;
          IF problem_count > 0 THEN
            RAISE EXCEPTION E'The legacy upgrade was refused: % row(s) break a rule. Nothing was changed; fix them in the legacy tables and run the migration again.\n%',
              problem_count,
              array_to_string(problems[1:{{ReportLines}}], E'\n')
                || CASE WHEN problem_count > {{ReportLines}} THEN E'\n… and ' || (problem_count - {{ReportLines}}) || ' more' ELSE '' END
              USING ERRCODE = 'check_violation', CONSTRAINT = 'legacy_upgrade_refused';
          END IF;
        END;
        $legacy$;
        """;

    /// <summary>The seed's picklist values (one list: InitialSchemaSql), so legacy rows may use them as today's rows may.</summary>
    private static string SeedValuesInto =>
        InitialSchemaSql.SeedPicklists
            .Replace("INSERT INTO picklists (category, value, sort_order, needs_reason, is_closed) VALUES",
                $"INSERT INTO {Schema}.picklists (category, value, sort_order, needs_reason, is_closed) VALUES", StringComparison.Ordinal);

    private static string InPicklist(string category, string column) =>
        $"EXISTS (SELECT 1 FROM {Schema}.picklists p WHERE p.category = '{category}' AND p.value = {column})";

    private static string Choices(string category) =>
        $"(SELECT string_agg(p.value, ', ' ORDER BY p.sort_order, p.id) FROM {Schema}.picklists p WHERE p.category = '{category}')";

    /// <summary>One (ord, line) per row that today's schema would refuse, in the words a DBA needs to find and fix it.</summary>
    private static string RuleChecks => $$"""
        SELECT 1 AS ord, format('leads #%s "%s": has no individual or organization (a lead needs at least one)', l.id, l.title) AS line
          FROM {{Schema}}.leads l
         WHERE NOT EXISTS (SELECT 1 FROM {{Schema}}.lead_individuals x WHERE x.lead_id = l.id)
           AND NOT EXISTS (SELECT 1 FROM {{Schema}}.lead_organizations x WHERE x.lead_id = l.id)
        UNION ALL
        SELECT 2, format('job #%s "%s": probability %s is not between 0 and 100', j.id, j.name, j.probability)
          FROM {{Schema}}.job j WHERE j.probability NOT BETWEEN 0 AND 100
        UNION ALL
        SELECT 2, format('job #%s "%s": value_amount %s is negative', j.id, j.name, j.value_amount)
          FROM {{Schema}}.job j WHERE j.value_amount < 0
        UNION ALL
        SELECT 2, format('job #%s "%s": value_currency "%s" is not a three-letter code such as USD', j.id, j.name, j.value_currency)
          FROM {{Schema}}.job j WHERE j.value_currency !~ '^[A-Z]{3}$'
        UNION ALL
        SELECT 3, format('organizations #%s: the name "%s" is used %s times ignoring case (names must be unique)',
                         string_agg(o.id::text, ', #' ORDER BY o.id), min(o.name), count(*))
          FROM {{Schema}}.organizations o GROUP BY lower(o.name) HAVING count(*) > 1
        UNION ALL
        SELECT 4, format('leads #%s: %s primary links in %s (at most one)', x.lead_id, x.primaries, x.link_table)
          FROM (SELECT lead_id, 'lead_contacts' AS link_table, count(*) FILTER (WHERE is_primary) AS primaries FROM {{Schema}}.lead_contacts GROUP BY lead_id
                UNION ALL SELECT lead_id, 'lead_organizations', count(*) FILTER (WHERE is_primary) FROM {{Schema}}.lead_organizations GROUP BY lead_id
                UNION ALL SELECT lead_id, 'lead_individuals', count(*) FILTER (WHERE is_primary) FROM {{Schema}}.lead_individuals GROUP BY lead_id) x
         WHERE x.primaries > 1
        UNION ALL
        SELECT 5, format('leadstatus of lead #%s: stage "%s" is not a stage; stages are: %s', s.lead_id, s.stage, {{Choices("lead_status.stage")}})
          FROM {{Schema}}.leadstatus s WHERE NOT {{InPicklist("lead_status.stage", "s.stage")}}
        UNION ALL
        SELECT 5, format('leadstatus of lead #%s: reason has %s characters; at most 200 (lead_status_reason_length_check)', s.lead_id, char_length(s.reason))
          FROM {{Schema}}.leadstatus s WHERE char_length(s.reason) > 200
        UNION ALL
        SELECT 5, format('lead_contacts of lead #%s, contact #%s: role_on_lead "%s" is not a role; roles are: %s', c.lead_id, c.contact_id, c.role_on_lead, {{Choices("lead_contacts.role_on_lead")}})
          FROM {{Schema}}.lead_contacts c WHERE c.role_on_lead IS NOT NULL AND NOT {{InPicklist("lead_contacts.role_on_lead", "c.role_on_lead")}}
        UNION ALL
        SELECT 5, format('lead_organizations of lead #%s, organization #%s: relationship "%s" is not a relationship; relationships are: %s', o.lead_id, o.organization_id, o.relationship, {{Choices("lead_organizations.relationship")}})
          FROM {{Schema}}.lead_organizations o WHERE o.relationship IS NOT NULL AND NOT {{InPicklist("lead_organizations.relationship", "o.relationship")}}
        UNION ALL
        SELECT 5, format('lead_individuals of lead #%s, individual #%s: relationship "%s" is not a relationship; relationships are: %s', i.lead_id, i.individual_id, i.relationship, {{Choices("lead_individuals.relationship")}})
          FROM {{Schema}}.lead_individuals i WHERE i.relationship IS NOT NULL AND NOT {{InPicklist("lead_individuals.relationship", "i.relationship")}}
        UNION ALL
        SELECT 6, format('picklists %s: the values %s differ only in case (values are unique ignoring case)', p.category, string_agg(DISTINCT format('"%s"', p.value), ', '))
          FROM {{Schema}}.picklists p GROUP BY p.category, lower(p.value) HAVING count(DISTINCT p.value) > 1
        """;

    public static string CopyRows() => $$"""
        DO $legacy$
        DECLARE
          first_stage TEXT;
          t TEXT;
        BEGIN
          IF to_regnamespace('{{Schema}}') IS NULL THEN
            RETURN; -- no legacy database was set aside
          END IF;

          -- Legacy values beyond the seed's join their category after its last value.
          INSERT INTO picklists (category, value, sort_order)
          SELECT l.category, l.value,
                 coalesce((SELECT max(p.sort_order) FROM picklists p WHERE p.category = l.category), 0)
                   + row_number() OVER (PARTITION BY l.category ORDER BY l.id)
            FROM {{Schema}}.picklists l
           WHERE NOT EXISTS (SELECT 1 FROM picklists p WHERE p.category = l.category AND p.value = l.value);

          -- Owners: legacy owner ids name no user of this app (users are created afterwards), as in AddIdentityAndOwners.
          INSERT INTO deals (id, name, description, owner_user_id, value_amount, value_currency, probability, close_date, created_at, updated_at)
          SELECT id, name, description, NULL, value_amount, value_currency, probability, close_date, created_at, updated_at FROM {{Schema}}.job;
          INSERT INTO organizations (id, name, website, phone, notes, created_at, updated_at)
          SELECT id, name, website, phone, notes, created_at, updated_at FROM {{Schema}}.organizations;
          INSERT INTO individuals (id, given_name, family_name, email, phone, notes, created_at, updated_at)
          SELECT id, given_name, family_name, email, phone, notes, created_at, updated_at FROM {{Schema}}.individuals;
          INSERT INTO contacts (id, individual_id, organization_id, title, department, email, phone, is_primary, created_at, updated_at)
          SELECT id, individual_id, organization_id, title, department, email, phone, is_primary, created_at, updated_at FROM {{Schema}}.contacts;
          INSERT INTO leads (id, deal_id, title, description, source, owner_user_id, created_at, updated_at)
          SELECT id, deal_id, title, description, source, NULL, created_at, updated_at FROM {{Schema}}.leads;

          INSERT INTO lead_status (lead_id, stage, reason, updated_at)
          SELECT lead_id, stage, reason, updated_at FROM {{Schema}}.leadstatus;
          -- 6. Every lead has its status: a legacy lead without one starts in the first active stage.
          SELECT value INTO first_stage FROM picklists
           WHERE category = 'lead_status.stage' AND is_active ORDER BY sort_order, id LIMIT 1;
          INSERT INTO lead_status (lead_id, stage)
          SELECT l.id, first_stage FROM {{Schema}}.leads l
           WHERE NOT EXISTS (SELECT 1 FROM {{Schema}}.leadstatus s WHERE s.lead_id = l.id);

          INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary, created_at)
          SELECT lead_id, organization_id, relationship, is_primary, created_at FROM {{Schema}}.lead_organizations;
          INSERT INTO lead_individuals (lead_id, individual_id, relationship, is_primary, created_at)
          SELECT lead_id, individual_id, relationship, is_primary, created_at FROM {{Schema}}.lead_individuals;
          INSERT INTO lead_contacts (lead_id, contact_id, role_on_lead, is_primary, created_at)
          SELECT lead_id, contact_id, role_on_lead, is_primary, created_at FROM {{Schema}}.lead_contacts;

          -- The next id after the highest kept one.
          FOREACH t IN ARRAY ARRAY['deals', 'organizations', 'individuals', 'contacts', 'leads'] LOOP
            EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), greatest((SELECT max(id) FROM %I), 1), (SELECT max(id) FROM %I) IS NOT NULL)', t, t, t);
          END LOOP;

          DROP SCHEMA {{Schema}} CASCADE;
        END;
        $legacy$;
        """;
}
