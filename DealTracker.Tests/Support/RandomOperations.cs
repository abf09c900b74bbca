using System.Collections.Concurrent;
using System.Data;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Picklists;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Tests.Support;

/// <summary>
/// Concurrent workers doing random inserts, updates, deletes, stage moves, link moves and picklist renames, through raw
/// SQL at a random isolation level and through the services, on a small pool of leads so they collide often; then every
/// invariant is counted over the whole database (<see cref="InvariantAudit"/>). The property test runs it briefly; the
/// benchmark program runs 10,000 operations on 4 workers. Also compiled into DealTracker.Benchmarks (a linked file).
/// </summary>
public sealed class RandomOperations(string connectionString, IServiceProvider services)
{
    public const int Kinds = 18;

    private static readonly IsolationLevel[] Levels =
        [IsolationLevel.ReadCommitted, IsolationLevel.RepeatableRead, IsolationLevel.Serializable];

    private readonly ConcurrentDictionary<string, int> _refusals = new();
    private readonly List<long> _leads = [];
    private string _tag = "";
    private long _stageId;

    /// <summary>What a run did: operations, refusals by kind (a refusal is fine), and rows breaking each invariant (must be 0).</summary>
    public sealed record Report(int Operations, IReadOnlyDictionary<string, int> Refusals, IReadOnlyDictionary<string, long> Violations)
    {
        public long TotalViolations => Violations.Values.Sum();
    }

    /// <summary>Runs one worker per plan (each a list of operation kinds, 0 to <see cref="Kinds"/> - 1) at the same time.</summary>
    public async Task<Report> RunAsync(IReadOnlyList<int[]> plans, ulong seed, CancellationToken ct = default)
    {
        await ArrangeAsync();
        await Task.WhenAll(plans.Select((plan, worker) => Task.Run(async () =>
        {
            var random = new Random((int)(seed % int.MaxValue) + worker);
            foreach (var kind in plan)
                await RunOneAsync(kind, random, ct);
        }, ct)));
        return new Report(plans.Sum(p => p.Length), new SortedDictionary<string, int>(_refusals),
            await InvariantAudit.CountViolationsAsync(connectionString, ct));
    }

    private async Task ArrangeAsync()
    {
        _tag = Guid.NewGuid().ToString("N")[..8];
        _stageId = await ScalarAsync<long>(
            "INSERT INTO picklists (category, value, sort_order) VALUES ('lead_status.stage', $1, 90) RETURNING id", $"Chaos {_tag} 0");
        for (var i = 0; i < 10; i++)
            _leads.Add(await InsertLeadAsync(null, $"Chaos {_tag} lead {i}"));
    }

    private async Task RunOneAsync(int kind, Random random, CancellationToken ct)
    {
        var lead = PickLead(random);
        try
        {
            switch (kind)
            {
                case 0: await RawAsync(random, ("DELETE FROM lead_organizations WHERE lead_id = $1", [lead])); break;
                case 1: await RawAsync(random, ("DELETE FROM lead_individuals WHERE lead_id = $1", [lead])); break;
                case 2:
                    await RawAsync(random, ("""
                        WITH o AS (INSERT INTO organizations (name) VALUES ($2) RETURNING id)
                        INSERT INTO lead_organizations (lead_id, organization_id, relationship) SELECT $1, id, 'Partner' FROM o
                        """, [lead, $"Chaos org {Guid.NewGuid():N}"]));
                    break;
                case 3:
                    await RawAsync(random, ("""
                        WITH i AS (INSERT INTO individuals (given_name, family_name) VALUES ('Chaos', $2) RETURNING id)
                        INSERT INTO lead_individuals (lead_id, individual_id, relationship) SELECT $1, id, 'Sponsor' FROM i
                        """, [lead, _tag]));
                    break;
                case 4: await RawMoveStageAsync(random, lead); break;
                case 5: await RawAsync(random, ("DELETE FROM lead_status WHERE lead_id = $1", [lead])); break;
                case 6: Remember(await InsertLeadAsync(random, $"Chaos {_tag} raw")); break;
                case 7: await RawRenameAsync(random); break;
                case 8: await RawAsync(random, ("UPDATE lead_organizations SET is_primary = true WHERE lead_id = $1", [lead])); break;
                case 9:
                    await RawAsync(random, ("UPDATE deals SET probability = $2 WHERE id = (SELECT deal_id FROM leads WHERE id = $1)",
                        [lead, (decimal)random.Next(-20, 121)]));
                    break;
                case 10: await RawAsync(random, ("DELETE FROM leads WHERE id = $1", [lead])); break;
                case 11:
                    var stage = await CurrentChaosStageAsync();
                    await ServiceAsync<LeadService>(s => s.MoveLeadToStageAsync(lead, random.Next(2) == 0 ? "Qualified" : stage, null, null, ct));
                    break;
                case 12:
                    await ServiceAsync<LeadService>(async s => await s.UnlinkOrganizationAsync(lead,
                        await ScalarAsync<long?>("SELECT min(organization_id) FROM lead_organizations WHERE lead_id = $1", lead) ?? 0, ct));
                    break;
                case 13:
                    await ServiceAsync<LeadService>(async s => await s.UnlinkIndividualAsync(lead,
                        await ScalarAsync<long?>("SELECT min(individual_id) FROM lead_individuals WHERE lead_id = $1", lead) ?? 0, ct));
                    break;
                case 14:
                    var deal = await ScalarAsync<long>("INSERT INTO deals (name) VALUES ($1) RETURNING id", $"Chaos {_tag} deal");
                    var org = await ScalarAsync<long>("INSERT INTO organizations (name) VALUES ($1) RETURNING id", $"Chaos org {Guid.NewGuid():N}");
                    await ServiceAsync<LeadService>(async s => Remember(await s.CreateLeadAsync(
                        new NewLead(deal, $"Chaos {_tag} service", [new PartyLink(org, "Prospect", true)], []), ct)));
                    break;
                case 15: await ServiceRenameAsync(ct); break;
                case 16:
                    await RawAsync(random, ("UPDATE lead_individuals SET lead_id = $2 WHERE lead_id = $1", [lead, PickLead(random)]));
                    break;
                default:
                    await RawAsync(random, ("UPDATE lead_organizations SET relationship = $2 WHERE lead_id = $1",
                        [lead, random.Next(3) == 0 ? "Frenemy" : "Customer"]));
                    break;
            }
        }
        catch (PostgresException e) when (RacingSession.AcceptableRefusals.Contains(e.SqlState) || e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            Count($"database {e.SqlState} ({e.ConstraintName ?? e.MessageText.Split(':')[0]})");
        }
        catch (ConcurrencyConflictException)
        {
            Count("service: conflict");
        }
        catch (RuleViolationException e)
        {
            Count($"service: {e.GetType().Name}");
        }
    }

    private void Count(string kind) => _refusals.AddOrUpdate(kind, 1, (_, n) => n + 1);

    private long PickLead(Random random)
    {
        lock (_leads)
            return _leads[random.Next(_leads.Count)];
    }

    private void Remember(long lead)
    {
        lock (_leads)
            _leads.Add(lead);
    }

    /// <summary>Reads a stage name, then saves it in a later statement, as a form does between load and save.</summary>
    private async Task RawMoveStageAsync(Random random, long lead)
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync(Levels[random.Next(Levels.Length)]);
        var stage = await ScalarOnAsync<string>(connection, tx, "SELECT value FROM picklists WHERE id = $1", _stageId);
        await ExecuteOnAsync(connection, tx, "UPDATE lead_status SET stage = $2 WHERE lead_id = $1", lead, stage);
        await tx.CommitAsync();
    }

    /// <summary>A rename written the way the old admin code did: the value, then the rows it could see.</summary>
    private async Task RawRenameAsync(Random random)
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync(Levels[random.Next(Levels.Length)]);
        var old = await ScalarOnAsync<string>(connection, tx, "SELECT value FROM picklists WHERE id = $1", _stageId);
        var renamed = $"Chaos {_tag} {random.Next(1_000_000)}";
        await ExecuteOnAsync(connection, tx, "UPDATE picklists SET value = $2 WHERE id = $1", _stageId, renamed);
        await ExecuteOnAsync(connection, tx, "UPDATE lead_status SET stage = $2 WHERE stage = $1", old, renamed);
        await tx.CommitAsync();
    }

    private async Task ServiceRenameAsync(CancellationToken ct)
    {
        await ServiceAsync<PicklistAdminService>(async admin =>
        {
            var value = (await admin.GetCategoriesAsync(ct)).SelectMany(c => c.Values).Single(v => v.Id == _stageId);
            await admin.RenameAsync(new PicklistValueRef(value.Id, value.Version), $"Chaos {_tag} {Guid.NewGuid():N}"[..40], ct);
        });
    }

    private Task<string> CurrentChaosStageAsync() => ScalarAsync<string>("SELECT value FROM picklists WHERE id = $1", _stageId);

    private async Task ServiceAsync<T>(Func<T, Task> action) where T : notnull
    {
        using var scope = services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<T>());
    }

    /// <summary>A lead with an organization and its status, in one statement; at a random isolation level when given a random.</summary>
    private async Task<long> InsertLeadAsync(Random? random, string title)
    {
        const string sql = """
            WITH d AS (INSERT INTO deals (name, probability) VALUES ($1, 50) RETURNING id),
                 o AS (INSERT INTO organizations (name) VALUES ($2) RETURNING id),
                 l AS (INSERT INTO leads (deal_id, title) SELECT id, $1 FROM d RETURNING id),
                 s AS (INSERT INTO lead_status (lead_id, stage) SELECT id, 'New' FROM l),
                 lo AS (INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary)
                        SELECT l.id, o.id, 'Prospect', true FROM l, o)
            SELECT id FROM l
            """;
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync(random is null ? IsolationLevel.ReadCommitted : Levels[random.Next(Levels.Length)]);
        var id = await ScalarOnAsync<long>(connection, tx, sql, title, $"Chaos org {Guid.NewGuid():N}");
        await tx.CommitAsync();
        return id;
    }

    private async Task RawAsync(Random random, params (string Sql, object[] Parameters)[] statements)
    {
        await using var connection = await OpenAsync();
        await using var tx = await connection.BeginTransactionAsync(Levels[random.Next(Levels.Length)]);
        foreach (var (sql, parameters) in statements)
            await ExecuteOnAsync(connection, tx, sql, parameters);
        await tx.CommitAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        return await ScalarOnAsync<T>(connection, null, sql, parameters);
    }

    private static async Task<T> ScalarOnAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params object[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    private static async Task ExecuteOnAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, params object[] parameters)
    {
        await using var command = Command(connection, tx, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var p in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        return command;
    }
}
