using DealTracker.Data.Entities;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Picklists;

/// <summary>Reads the values that drive every dropdown, and checks that a chosen value is allowed.</summary>
public sealed class PicklistService(IDbContextFactory<DealTrackerDbContext> factory)
{
    /// <summary>The active values of a category, in their order: what a dropdown may offer for a new choice.</summary>
    public async Task<IReadOnlyList<PicklistOption>> GetActiveValuesAsync(string category, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(Values(db, category).Where(p => p.IsActive)).ToListAsync(ct);
    }

    /// <summary>Every value of a category, inactive ones too, so a record can still show what it holds.</summary>
    public async Task<IReadOnlyList<PicklistOption>> GetAllValuesAsync(string category, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Project(Values(db, category)).ToListAsync(ct);
    }

    private static IQueryable<PicklistValue> Values(DealTrackerDbContext db, string category) =>
        db.Picklists.AsNoTracking()
            .Where(p => p.Category == category)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id);

    private static IQueryable<PicklistOption> Project(IQueryable<PicklistValue> values) =>
        values.Select(p => new PicklistOption(p.Id, p.Value, p.SortOrder, p.IsActive, p.NeedsReason, p.IsClosed));

    /// <summary>The first active stage: where a new lead starts.</summary>
    internal static async Task<string> FirstActiveStageAsync(DealTrackerDbContext db, CancellationToken ct) =>
        await Values(db, PicklistCategories.Stage).Where(p => p.IsActive).Select(p => p.Value).FirstOrDefaultAsync(ct)
        ?? throw new RuleViolationException("There is no active stage. An admin must activate one first.", "Stage");

    /// <summary>
    /// Refuses a value that is not an active member of its category. A record may keep a value that has since been
    /// deactivated (<paramref name="currentValue"/>), but nobody may newly choose it.
    /// </summary>
    internal static async Task<PicklistOption?> EnsureAllowedAsync(DealTrackerDbContext db, string category,
        string? value, string field, string label, CancellationToken ct, string? currentValue = null)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var option = await Project(Values(db, category).Where(p => p.Value == value)).FirstOrDefaultAsync(ct);
        if (option is null)
            throw new RuleViolationException($"\"{value}\" is not a {label} in the list. Pick one from the list.", field);
        if (!option.IsActive && value != currentValue)
            throw new RuleViolationException($"\"{value}\" is no longer offered as a {label}. Pick another.", field);
        return option;
    }
}
