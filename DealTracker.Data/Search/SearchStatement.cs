using DealTracker.Data.Identity;
using DealTracker.Data.Ownership;
using Npgsql;
using NpgsqlTypes;

namespace DealTracker.Data.Search;

/// <summary>
/// The app-bar search as one SQL statement of <see cref="SearchRow"/>s: per kind, the first hits in the order the
/// search shows them and, from the same scan, how many match in all (<c>count(*) OVER ()</c> is taken before the
/// LIMIT), so each trigram index is read once and the whole search costs one round trip. Leads match through
/// <see cref="LeadSearch"/>'s search text, people through their full name (shared by the individual and contact kinds);
/// leads and deals only as far as <see cref="Visibility"/>'s one rule lets the actor see them. Every value is a parameter.
/// </summary>
internal sealed class SearchStatement
{
    public SearchStatement(IActingUser actor, string pattern, int take)
    {
        var p = Add(pattern, NpgsqlDbType.Text);
        var limit = Add(take, NpgsqlDbType.Integer);
        string VisibleSql(string ownerColumn) => Visibility.Sql(actor, ownerColumn, me => Add(me, NpgsqlDbType.Bigint));
        Sql = $"""
            WITH people AS (
              SELECT i.id, i.given_name, i.family_name, i.email FROM individuals i WHERE {LeadSearch.PersonNamedSql("i", p)})
            SELECT kind, id, title, detail, total FROM (
              SELECT {(int)SearchKind.Lead} AS kind, f.id, f.title,
                     d.name || CASE WHEN s.lead_id IS NULL THEN '' ELSE ' · ' || s.stage END AS detail,
                     f.total, row_number() OVER (ORDER BY f.title, f.id) AS position
              FROM (SELECT l.id, l.deal_id, l.title, (count(*) OVER ())::int AS total
                    FROM lead_search m JOIN leads l ON l.id = m.lead_id
                    WHERE {LeadSearch.DocumentMatchesSql("m", p)} AND {VisibleSql("m.owner_user_id")}
                    ORDER BY l.title, l.id LIMIT {limit}) f
              JOIN deals d ON d.id = f.deal_id
              LEFT JOIN lead_status s ON s.lead_id = f.id
              UNION ALL
              SELECT {(int)SearchKind.Deal}, f.id, f.name,
                     CASE WHEN n.leads = 1 THEN '1 lead' ELSE n.leads || ' leads' END,
                     f.total, row_number() OVER (ORDER BY f.name, f.id)
              FROM (SELECT d.id, d.name, (count(*) OVER ())::int AS total FROM deals d
                    WHERE d.name ILIKE {p} ESCAPE '\' AND {VisibleSql("d.owner_user_id")}
                    ORDER BY d.name, d.id LIMIT {limit}) f
              CROSS JOIN LATERAL (SELECT count(*) AS leads FROM leads l WHERE l.deal_id = f.id) n
              UNION ALL
              SELECT {(int)SearchKind.Organization}, f.id, f.name, f.website, f.total, row_number() OVER (ORDER BY f.name, f.id)
              FROM (SELECT o.id, o.name, o.website, (count(*) OVER ())::int AS total FROM organizations o
                    WHERE o.name ILIKE {p} ESCAPE '\'
                    ORDER BY o.name, o.id LIMIT {limit}) f
              UNION ALL
              SELECT {(int)SearchKind.Individual}, f.id, f.given_name || ' ' || f.family_name, f.email, f.total,
                     row_number() OVER (ORDER BY f.family_name, f.given_name, f.id)
              FROM (SELECT pe.id, pe.given_name, pe.family_name, pe.email, (count(*) OVER ())::int AS total FROM people pe
                    ORDER BY pe.family_name, pe.given_name, pe.id LIMIT {limit}) f
              UNION ALL
              SELECT {(int)SearchKind.Contact}, f.id, f.given_name || ' ' || f.family_name,
                     CASE WHEN o.id IS NULL THEN f.title ELSE COALESCE(f.title || ', ', '') || o.name END,
                     f.total, row_number() OVER (ORDER BY f.family_name, f.given_name, f.id)
              FROM (SELECT c.id, c.title, c.organization_id, pe.given_name, pe.family_name, (count(*) OVER ())::int AS total
                    FROM contacts c JOIN people pe ON pe.id = c.individual_id
                    ORDER BY pe.family_name, pe.given_name, c.id LIMIT {limit}) f
              LEFT JOIN organizations o ON o.id = f.organization_id
            ) found
            ORDER BY kind, position
            """;
    }

    public string Sql { get; }

    public List<NpgsqlParameter> Parameters { get; } = [];

    private string Add(object value, NpgsqlDbType type)
    {
        var name = $"p{Parameters.Count}";
        Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }
}
