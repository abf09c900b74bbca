using DealTracker.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Support;

/// <summary>A migrated database of its own for one test class, with the real data services over it.</summary>
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
        services.AddDealTrackerData(ConnectionString);
        Services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>Runs SQL as an outside client would: raw statements, no EF, no service rules.</summary>
    public Task<int> ExecuteSqlAsync(string sql, params object[] parameters) =>
        new DatabaseProbe(ConnectionString).ExecuteAsync(sql, parameters);

    public Task<T> ScalarAsync<T>(string sql, params object[] parameters) =>
        new DatabaseProbe(ConnectionString).ScalarAsync<T>(sql, parameters);
}
