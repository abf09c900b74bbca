using DealTracker.Data;
using DealTracker.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Support;

/// <summary>
/// A migrated database of its own for one test class, with the real data services over it. <see cref="Get{T}"/>
/// acts as <see cref="ActingUser.System"/> (registered explicitly here); <see cref="As"/> gives the services as
/// another actor, e.g. <c>db.As(ActingUser.Sales(id)).GetRequiredService&lt;LeadService&gt;()</c>.
/// </summary>
public class DatabaseFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public ServiceProvider Services { get; private set; } = null!;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public IDbContextFactory<DealTrackerDbContext> DbFactory => Get<IDbContextFactory<DealTrackerDbContext>>();

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync(GetType().Name);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDealTrackerData(ConnectionString, ownerConnectionString: PostgresServer.AsOwner(ConnectionString));
        services.AddActingUserForTests();
        Services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>The data services acting as <paramref name="actor"/> (a scope of their own, kept for the test class).</summary>
    public IServiceProvider As(IActingUser actor) => Services.As(actor);

    /// <summary>Runs SQL as an outside client would: raw statements, no EF, no service rules.</summary>
    public Task<int> ExecuteSqlAsync(string sql, params object[] parameters) =>
        new DatabaseProbe(ConnectionString).ExecuteAsync(sql, parameters);

    /// <summary>
    /// Runs SQL as the owner role: for writing what the rules now refuse, as rows written before a rule existed are.
    /// </summary>
    public Task<int> ExecuteAsOwnerAsync(string sql, params object[] parameters) =>
        new DatabaseProbe(PostgresServer.AsOwner(ConnectionString)).ExecuteAsync(sql, parameters);

    public Task<T> ScalarAsync<T>(string sql, params object[] parameters) =>
        new DatabaseProbe(ConnectionString).ScalarAsync<T>(sql, parameters);
}
