using DealTracker.Data.Identity;
using DealTracker.Data.Users;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DealTracker.Benchmarks;

/// <summary>
/// A realistic pipeline, deterministically: the same sizes give the same rows on every machine. Leads come in a funnel
/// (New 30 %, Qualified 20 %, Discovery 15 %, Proposal 10 %, Negotiation 5 %, Won 8 %, Lost 10 %, On Hold 2 %), two
/// per deal, five per organization (the primary party), three per individual (linked to 60 % of leads), with a
/// contact on half of them; deals in USD, EUR and GBP; one lead in ten unassigned, the rest over eight sales users.
/// Growing from one size to the next adds rows and never changes the earlier ones. Set-based: a few statements
/// whatever the count.
/// </summary>
public sealed class PipelineGenerator(string connectionString)
{
    public const string ManagerEmail = "bench-manager@example.com";
    /// <summary>A development-only password for the scratch database's manager, which is dropped at the end.</summary>
    public const string ManagerPassword = "bench-manager-pass-dev-only";

    private long[] _salesUsers = [];
    public long ManagerId { get; private set; }
    public IReadOnlyList<long> SalesUserIds => _salesUsers;
    public int Leads { get; private set; }

    /// <summary>Creates the users through the app's own user service (real Identity rows, passwords hashed).</summary>
    public async Task CreateUsersAsync(IServiceProvider system)
    {
        var users = system.GetRequiredService<UserAdminService>();
        ManagerId = await users.CreateAsync(new NewUser("Morgan Bench", ManagerEmail, [Roles.Manager], ManagerPassword));
        string[] names = ["Sam Seller", "Riley Rep", "Alex Account", "Jordan Deal", "Casey Close", "Taylor Trade", "Jamie Pitch", "Robin Quota"];
        var ids = new List<long>();
        foreach (var (name, i) in names.Select((n, i) => (n, i)))
            ids.Add(await users.CreateAsync(new NewUser(name, $"bench-sales{i + 1}@example.com", [Roles.Sales], ManagerPassword)));
        _salesUsers = [.. ids];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var map = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_map (kind text, n int, id bigint, PRIMARY KEY (kind, n))", connection);
        await map.ExecuteNonQueryAsync();
    }

    /// <summary>Adds leads until there are <paramref name="leads"/> of them, then refreshes the planner's statistics.</summary>
    public async Task GrowToAsync(int leads)
    {
        // At most ×10 a step, with fresh statistics in between: the commit's deferred party checks are planned on the
        // last ANALYZE, and 100,000 leads checked against an empty table's statistics took more than 10 minutes.
        while (Leads < leads)
            await GrowOneStepAsync(Math.Min(leads, Math.Max(10_000, Leads * 10)));
    }

    private async Task GrowOneStepAsync(int leads)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The board-total triggers work row by row (what a user's edits need); a bulk load counts once afterwards.
        await using (var off = new NpgsqlCommand(BoardTotalTriggers("DISABLE"), connection))
            await off.ExecuteNonQueryAsync();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await using var command = new NpgsqlCommand(GrowSql, connection, tx) { CommandTimeout = 600 };
            command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Integer) { Value = Leads });
            command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Integer) { Value = leads });
            command.Parameters.Add(new NpgsqlParameter("owners", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = _salesUsers });
            await command.ExecuteNonQueryAsync();
            await tx.CommitAsync(); // the deferred party check runs here, for every new lead
        }
        await using (var on = new NpgsqlCommand(BoardTotalTriggers("ENABLE") + "SELECT board_totals_rebuild();", connection) { CommandTimeout = 600 })
            await on.ExecuteNonQueryAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 600 })
            await analyze.ExecuteNonQueryAsync();
        Leads = leads;
    }

    private static string BoardTotalTriggers(string action) => $"""
        ALTER TABLE leads {action} TRIGGER trg_leads_board_totals;
        ALTER TABLE leads {action} TRIGGER trg_leads_board_totals_delete;
        ALTER TABLE lead_status {action} TRIGGER trg_lead_status_board_totals;
        ALTER TABLE lead_status {action} TRIGGER trg_lead_status_board_totals_update;

        """;

    // Each INSERT notes its row number in a text column ("Benchmark lead 17"), which maps rows to their ids.
    private const string GrowSql = """
        INSERT INTO organizations (name, website, phone, notes)
        SELECT (ARRAY['Acme','Northwind','Contoso','Globex','Initech','Umbrella','Stark','Wayne','Tyrell','Cyberdyne',
                      'Hooli','Vandelay','Aperture','Oscorp','Monarch','Atlas','Summit','Harbor','Evergreen','Granite',
                      'Falcon','Sterling','Willow','Quarry'])[1 + n % 24]
               || ' ' || (ARRAY['Logistics','Health','Software','Foods','Energy','Retail','Media','Robotics','Capital',
                                'Telecom','Pharma','Insurance','Labs','Analytics','Manufacturing'])[1 + (n / 24) % 15]
               || ' ' || n,
               'https://www.example.com/' || n, '+1 555 ' || lpad((n % 10000)::text, 4, '0'), 'Benchmark org ' || n
        FROM generate_series(ceil(@from / 5.0)::int, ceil(@to / 5.0)::int - 1) n;
        INSERT INTO bench_map SELECT 'org', substring(notes from 15)::int, id FROM organizations
        WHERE notes LIKE 'Benchmark org %' AND substring(notes from 15)::int >= ceil(@from / 5.0)::int;

        INSERT INTO individuals (given_name, family_name, email, phone, notes)
        SELECT g.given, f.family, lower(g.given || '.' || f.family || '.' || n || '@example.com'), '+1 555 01' || lpad((n % 100)::text, 2, '0'),
               'Benchmark ind ' || n
        FROM generate_series(ceil(@from / 3.0)::int, ceil(@to / 3.0)::int - 1) n
        CROSS JOIN LATERAL (SELECT (ARRAY['Ana','Ben','Chloé','Dev','Elif','Finn','Grace','Hiro','Ines','Jonas','Kofi','Lena',
                                          'Mateo','Nora','Omar','Priya','Quinn','Rosa','Sven','Tara'])[1 + n % 20] AS given) g
        CROSS JOIN LATERAL (SELECT (ARRAY['Silva','Jensen','Nakamura','Okafor','Lindqvist','Santos','Tanaka','Müller','Kowalski',
                                          'Haddad','Murphy','Rossi','Novak','Dubois','García'])[1 + (n * 7) % 15] AS family) f;
        INSERT INTO bench_map SELECT 'ind', substring(notes from 15)::int, id FROM individuals
        WHERE notes LIKE 'Benchmark ind %' AND substring(notes from 15)::int >= ceil(@from / 3.0)::int;

        -- Each individual works at an organization: one contact, which half of their leads name.
        INSERT INTO contacts (individual_id, organization_id, title, department, email, is_primary)
        SELECT i.id, o.id,
               (ARRAY['CEO','CFO','Head of Operations','IT Director','Procurement Lead','Engineer'])[1 + i.n % 6],
               (ARRAY['Management','Finance','Operations','IT','Purchasing'])[1 + i.n % 5],
               'work.' || i.n || '@example.com', true
        FROM bench_map i JOIN bench_map o ON o.kind = 'org' AND o.n = (i.n * 3) / 5
        WHERE i.kind = 'ind' AND i.n >= ceil(@from / 3.0)::int;

        INSERT INTO deals (name, value_amount, value_currency, probability, close_date, owner_user_id, description)
        SELECT (ARRAY['Annual licence','Pilot project','Fleet renewal','CRM rollout','Data platform','Support contract',
                      'Security audit','Mobile app','Network upgrade','Warehouse automation','Cloud migration','Training programme'])[1 + k % 12]
               || ' – ' || o.name,
               1000 * (1 + (k * 7919) % 250) * CASE WHEN k % 7 = 0 THEN 10 ELSE 1 END,
               CASE WHEN k % 10 < 7 THEN 'USD' WHEN k % 10 < 9 THEN 'EUR' ELSE 'GBP' END,
               5 * (1 + (k * 31) % 19),
               DATE '2026-01-01' + (k * 37) % 540,
               CASE WHEN k % 10 = 9 THEN NULL ELSE (@owners)[1 + k % cardinality(@owners)] END,
               'Benchmark deal ' || k
        FROM generate_series(ceil(@from / 2.0)::int, ceil(@to / 2.0)::int - 1) AS k(k)
        JOIN bench_map m ON m.kind = 'org' AND m.n = (2 * k) / 5
        JOIN organizations o ON o.id = m.id;
        INSERT INTO bench_map SELECT 'deal', substring(description from 16)::int, id FROM deals
        WHERE description LIKE 'Benchmark deal %' AND substring(description from 16)::int >= ceil(@from / 2.0)::int;

        INSERT INTO leads (deal_id, title, description, source, owner_user_id)
        SELECT d.id,
               o.name || ': ' || (ARRAY['Pilot project','Fleet renewal','CRM rollout','Data platform','Support contract',
                                        'Security audit','Mobile app','Network upgrade','Office expansion','Payroll integration'])[1 + g % 10],
               'Benchmark lead ' || g,
               (ARRAY['Inbound','Referral','Event','Campaign','Partner'])[1 + g % 5],
               CASE WHEN g % 10 = 9 THEN NULL ELSE (@owners)[1 + (g / 2) % cardinality(@owners)] END
        FROM generate_series(@from, @to - 1) g
        JOIN bench_map d ON d.kind = 'deal' AND d.n = g / 2
        JOIN bench_map om ON om.kind = 'org' AND om.n = g / 5
        JOIN organizations o ON o.id = om.id;
        INSERT INTO bench_map SELECT 'lead', substring(description from 16)::int, id FROM leads
        WHERE description LIKE 'Benchmark lead %' AND substring(description from 16)::int >= @from;

        INSERT INTO lead_status (lead_id, stage, reason, updated_at)
        SELECT m.id, s.stage,
               CASE WHEN s.stage = 'Lost' THEN (ARRAY['Price','Timing','Competitor','No budget','No decision'])[1 + m.n % 5] END,
               TIMESTAMPTZ '2026-11-01 12:00:00+00' - ((m.n * 13) % 120) * interval '1 day' - (m.n % 1440) * interval '1 minute'
        FROM bench_map m
        CROSS JOIN LATERAL (SELECT CASE WHEN b < 30 THEN 'New' WHEN b < 50 THEN 'Qualified' WHEN b < 65 THEN 'Discovery'
                                        WHEN b < 75 THEN 'Proposal' WHEN b < 80 THEN 'Negotiation' WHEN b < 88 THEN 'Won'
                                        WHEN b < 98 THEN 'Lost' ELSE 'On Hold' END AS stage
                            FROM (SELECT (m.n * 7919) % 100 AS b) x) s
        WHERE m.kind = 'lead' AND m.n >= @from;

        INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary)
        SELECT l.id, o.id, (ARRAY['Prospect','Prospect','Customer','Partner','Reseller'])[1 + l.n % 5], true
        FROM bench_map l JOIN bench_map o ON o.kind = 'org' AND o.n = l.n / 5
        WHERE l.kind = 'lead' AND l.n >= @from;

        INSERT INTO lead_individuals (lead_id, individual_id, relationship, is_primary)
        SELECT l.id, i.id, (ARRAY['Champion','Sponsor','Evaluator','Gatekeeper','Blocker'])[1 + l.n % 5], false
        FROM bench_map l JOIN bench_map i ON i.kind = 'ind' AND i.n = l.n / 3
        WHERE l.kind = 'lead' AND l.n >= @from AND l.n % 5 < 3;

        INSERT INTO lead_contacts (lead_id, contact_id, role_on_lead, is_primary)
        SELECT l.id, c.id,
               (ARRAY['Decision Maker','Economic Buyer','Champion','User','Influencer','Procurement','Legal','Billing'])[1 + l.n % 8], true
        FROM bench_map l JOIN bench_map i ON i.kind = 'ind' AND i.n = l.n / 3
        JOIN contacts c ON c.individual_id = i.id
        WHERE l.kind = 'lead' AND l.n >= @from AND l.n % 2 = 0;
        """;
}
