using DealTracker.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// The users an import may name as owners, loaded once, by email ignoring case. An unmapped Owner column leaves new
/// records to the importing user and matched ones as they are; a mapped but empty cell means unassigned (as export
/// writes it).
/// </summary>
internal sealed class ImportOwners(Dictionary<string, (long Id, bool IsActive)> byEmail, IActingUser actor)
{
    public static async Task<ImportOwners> LoadAsync(DealTrackerDbContext db, IActingUser actor, CancellationToken ct)
    {
        var users = await db.Users.AsNoTracking().Where(u => u.Email != null)
            .Select(u => new { u.Id, Email = u.Email!, u.IsActive }).ToListAsync(ct);
        var byEmail = new Dictionary<string, (long, bool)>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
            byEmail.TryAdd(user.Email, (user.Id, user.IsActive));
        return new ImportOwners(byEmail, actor);
    }

    /// <summary>The owner a row names; <paramref name="current"/> when the column is not mapped (the importing user for a new record).</summary>
    public long? Owner(RowCells cells, long? current, bool isNew)
    {
        if (!cells.IsMapped("Owner"))
            return isNew ? actor.UserId : current;
        var email = cells.Check("Owner", v => Infrastructure.Text.Clean(v, "Owner"));
        if (email is null)
            return null;
        if (!byEmail.TryGetValue(email, out var user))
        {
            cells.Problem("Owner", $"no user has the email \"{email}\" (owners are named by their sign-in email)");
            return null;
        }
        if (!user.IsActive)
            cells.Problem("Owner", $"{email} is deactivated; pick an active user as the owner");
        return user.Id;
    }
}
