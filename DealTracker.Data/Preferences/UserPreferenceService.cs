using System.Text.Json;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Preferences;

/// <summary>
/// The signed-in user's remembered choices, kept in the database so they follow the user from browser to browser.
/// Nobody signed in (or the system actor) has none: reads give the default and writes are ignored.
/// </summary>
public sealed class UserPreferenceService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    /// <summary>Which board columns the user folded (true) or unfolded (false).</summary>
    public const string BoardFolds = "pipeline.folds";

    /// <summary>The board's chart open or closed and its cards compact or full (<c>{"ChartOpen":..,"Compact":..}</c>).</summary>
    public const string BoardLayout = "pipeline.layout";

    public async Task<T?> GetAsync<T>(string name, CancellationToken ct = default) where T : class
    {
        if (actor.UserId is not { } userId)
            return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var json = await db.UserPreferences.AsNoTracking()
            .Where(p => p.UserId == userId && p.Name == name).Select(p => p.Value).FirstOrDefaultAsync(ct);
        if (json is null)
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return null; // a shape from an older version: start from the defaults
        }
    }

    /// <summary>Stores the value, replacing the previous one; one statement, so concurrent saves cannot collide.</summary>
    public async Task SetAsync<T>(string name, T value, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
            return;
        var json = JsonSerializer.Serialize(value);
        await factory.WriteAsync(actor, db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO user_preferences (user_id, name, value, updated_at) VALUES ({userId}, {name}, {json}::jsonb, now())
            ON CONFLICT (user_id, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """, ct), ct);
    }
}
