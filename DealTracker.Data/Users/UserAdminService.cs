using System.ComponentModel.DataAnnotations;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Data.Users;

/// <summary>
/// /admin/users: admins create users (no self-registration), set roles, reset passwords, deactivate and delete.
/// Every call requires the acting user to be an admin. Each action runs in its own scope and transaction.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public async Task<UserPage> ListAsync(int page, int pageSize, string? search = null, CancellationToken ct = default)
    {
        Access.RequireAdmin(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        if (SearchPattern.Contains(search) is { } pattern)
            users = users.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\") || EF.Functions.ILike(u.Email!, pattern, "\\"));
        var total = await users.CountAsync(ct);
        var now = DateTimeOffset.UtcNow;
        var rows = await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(u => new
            {
                u.Id, u.DisplayName, u.Email, u.IsActive,
                LockedOut = u.LockoutEnd != null && u.LockoutEnd > now,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id)
                    .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                Leads = db.Leads.Count(l => l.OwnerUserId == u.Id),
                Deals = db.Deals.Count(d => d.OwnerUserId == u.Id),
            })
            .ToListAsync(ct);
        return new UserPage(rows.Select(r => new UserRow(r.Id, r.DisplayName, r.Email ?? "",
            Roles.All.Where(r.Roles.Contains).ToList(), r.IsActive, r.LockedOut, r.Leads, r.Deals)).ToList(), total);
    }

    public Task<long> CreateAsync(NewUser input, CancellationToken ct = default) =>
        InScopeAsync(async (users, db) =>
        {
            var name = RequireName(input.DisplayName);
            var email = RequireEmail(input.Email);
            var roles = RequireRoles(input.Roles);
            if (await users.FindByEmailAsync(email) is not null)
                throw new RuleViolationException("A user with this email already exists.", "Email");
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, LockoutEnabled = true };
            Check(await users.CreateAsync(user, input.Password ?? ""));
            Check(await users.AddToRolesAsync(user, roles));
            return user.Id;
        }, ct);

    public Task SetRolesAsync(long userId, IReadOnlyList<string> roles, CancellationToken ct = default) =>
        InScopeAsync(async (users, db) =>
        {
            var wanted = RequireRoles(roles);
            var user = await FindAsync(users, userId);
            var current = await users.GetRolesAsync(user);
            if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin))
            {
                if (userId == actor.UserId)
                    throw new RuleViolationException("You cannot remove your own Admin role.", "Roles");
                await RequireAnotherActiveAdminAsync(users, userId);
            }
            Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
            Check(await users.AddToRolesAsync(user, wanted.Except(current)));
            // Signed-in sessions pick up the new roles when they revalidate.
            Check(await users.UpdateSecurityStampAsync(user));
            return true;
        }, ct);

    public Task ResetPasswordAsync(long userId, string newPassword, CancellationToken ct = default) =>
        InScopeAsync(async (users, db) =>
        {
            var user = await FindAsync(users, userId);
            foreach (var validator in users.PasswordValidators)
                Check(await validator.ValidateAsync(users, user, newPassword ?? ""));
            user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
            Check(await users.UpdateSecurityStampAsync(user)); // signs the user out everywhere
            await users.ResetAccessFailedCountAsync(user);
            return true;
        }, ct);

    /// <summary>Deactivating locks the user out at once (their sessions end at the next revalidation); reactivating lifts it.</summary>
    public Task SetActiveAsync(long userId, bool active, CancellationToken ct = default) =>
        InScopeAsync(async (users, db) =>
        {
            var user = await FindAsync(users, userId);
            if (!active)
            {
                if (userId == actor.UserId)
                    throw new RuleViolationException("You cannot deactivate yourself.");
                if (await users.IsInRoleAsync(user, Roles.Admin))
                    await RequireAnotherActiveAdminAsync(users, userId);
            }
            user.IsActive = active;
            user.LockoutEnabled = true;
            user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
            user.AccessFailedCount = 0;
            Check(await users.UpdateSecurityStampAsync(user));
            return true;
        }, ct);

    /// <summary>Refused with <see cref="UserOwnsRecordsException"/> while the user owns leads or deals.</summary>
    public Task DeleteAsync(long userId, CancellationToken ct = default) =>
        InScopeAsync(async (users, db) =>
        {
            var user = await FindAsync(users, userId);
            if (userId == actor.UserId)
                throw new RuleViolationException("You cannot delete yourself.");
            var leads = await db.Leads.CountAsync(l => l.OwnerUserId == userId, ct);
            var deals = await db.Deals.CountAsync(d => d.OwnerUserId == userId, ct);
            if (leads + deals > 0)
                throw new UserOwnsRecordsException(
                    $"{user.DisplayName} still owns {Count(leads, "lead")} and {Count(deals, "deal")}. Reassign them first.",
                    leads, deals);
            if (await users.IsInRoleAsync(user, Roles.Admin))
                await RequireAnotherActiveAdminAsync(users, userId);
            Check(await users.DeleteAsync(user));
            return true;
        }, ct);

    /// <summary>Moves every lead and deal of <paramref name="fromUserId"/> to another active user, or unassigns them (null).</summary>
    public Task<(int Leads, int Deals)> ReassignAllAsync(long fromUserId, long? toUserId, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            Access.RequireAdmin(actor);
            if (toUserId == fromUserId)
                throw new RuleViolationException("Pick someone else to take over the records.", "Owner");
            await OwnershipService.RequireActiveUserAsync(db, toUserId, ct);
            var now = DateTime.UtcNow;
            var leads = await db.Leads.Where(l => l.OwnerUserId == fromUserId)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.OwnerUserId, toUserId).SetProperty(l => l.UpdatedAt, now), ct);
            var deals = await db.Deals.Where(d => d.OwnerUserId == fromUserId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.OwnerUserId, toUserId).SetProperty(d => d.UpdatedAt, now), ct);
            return (leads, deals);
        }, ct);

    private async Task<T> InScopeAsync<T>(Func<UserManager<AppUser>, DealTrackerDbContext, Task<T>> work, CancellationToken ct)
    {
        Access.RequireAdmin(actor);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DealTrackerDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await ActiveUser.RequireActiveAsync(db, actor, ct);
            await db.ActAsAsync(actor, ct);
            var result = await work(users, db);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (Exception ex) when (ex is not RuleViolationException && DatabaseErrors.Translate(ex) is { } rule)
        {
            throw rule;
        }
    }

    private static async Task<AppUser> FindAsync(UserManager<AppUser> users, long userId) =>
        await users.FindByIdAsync(userId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        ?? throw new RecordNotFoundException("This user no longer exists.");

    private static async Task RequireAnotherActiveAdminAsync(UserManager<AppUser> users, long userId)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        if (!admins.Any(a => a.Id != userId && a.IsActive))
            throw new RuleViolationException("This is the last active admin: make someone else an admin first.", "Roles");
    }

    private static string RequireName(string? name)
    {
        var clean = Text.Clean(name, "Name") ?? throw new RuleViolationException("Enter the user's name.", "Name");
        if (clean.Length > AppUser.DisplayNameMaxLength)
            throw new RuleViolationException($"The name can be at most {AppUser.DisplayNameMaxLength} characters.", "Name");
        return clean;
    }

    private static string RequireEmail(string? email)
    {
        var clean = Text.Clean(email, "Email") ?? throw new RuleViolationException("Enter the user's email address.", "Email");
        if (!new EmailAddressAttribute().IsValid(clean) || !clean.Contains('.', StringComparison.Ordinal))
            throw new RuleViolationException("Enter a valid email address, like name@example.com.", "Email");
        return clean;
    }

    private static List<string> RequireRoles(IReadOnlyList<string>? roles)
    {
        var clean = (roles ?? []).Where(r => Roles.All.Contains(r)).Distinct().ToList();
        if (clean.Count == 0)
            throw new RuleViolationException("Give the user at least one role.", "Roles");
        return clean;
    }

    /// <summary>Identity's refusals as messages next to the right field.</summary>
    private static void Check(IdentityResult result)
    {
        if (result.Succeeded)
            return;
        var first = result.Errors.First();
        var field = first.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
            : first.Code.Contains("Email", StringComparison.Ordinal) || first.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
            : first.Code.Contains("Role", StringComparison.Ordinal) ? "Roles" : null;
        var message = first.Code is "DuplicateUserName" or "DuplicateEmail"
            ? "A user with this email already exists."
            : string.Join(" ", result.Errors.Select(e => e.Description));
        throw new RuleViolationException(message, field);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
