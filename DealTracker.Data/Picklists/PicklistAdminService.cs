using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Picklists;

/// <summary>
/// Lets an admin reshape the picklists without ever damaging data: a rename or merge moves every record that uses the
/// value in the same transaction, and the last active stage cannot go.
/// Every change locks its category's rows (in id order, so two admins never deadlock) and checks the version the admin
/// saw: of two admins editing the same value, one wins and the other gets a clear refusal. A sales user's save that
/// races a rename waits on the same row (its foreign key's KEY SHARE lock) and is refused if its value is gone.
/// </summary>
public sealed class PicklistAdminService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public const int ValueMaxLength = 100;

    /// <summary>Only admins reshape picklists: checked here, not only on the page, so no request can bypass it.</summary>
    private Task<T> AdminWriteAsync<T>(Func<DealTrackerDbContext, Task<T>> work, CancellationToken ct)
    {
        Access.RequireAdmin(actor, "Only admins can change picklists.");
        return factory.WriteAsync(actor, work, ct);
    }

    private Task AdminWriteAsync(Func<DealTrackerDbContext, Task> work, CancellationToken ct)
    {
        Access.RequireAdmin(actor, "Only admins can change picklists.");
        return factory.WriteAsync(actor, work, ct);
    }

    /// <summary>Every category (the known ones first, in their order) with its values and usage counts, in one query.</summary>
    public async Task<IReadOnlyList<PicklistAdminCategory>> GetCategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var values = await db.Picklists.AsNoTracking()
            .OrderBy(p => p.Category).ThenBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new PicklistAdminValue(p.Id, p.Category, p.Value, p.SortOrder, p.IsActive, p.NeedsReason,
                p.IsClosed, p.Version,
                p.Category == PicklistCategories.Stage ? db.LeadStatuses.Count(s => s.Stage == p.Value)
                : p.Category == PicklistCategories.LostReason ? db.LeadStatuses.Count(s => s.Reason == p.Value)
                : p.Category == PicklistCategories.ContactRole ? db.LeadContacts.Count(c => c.RoleOnLead == p.Value)
                : p.Category == PicklistCategories.OrganizationRelationship ? db.LeadOrganizations.Count(o => o.Relationship == p.Value)
                : p.Category == PicklistCategories.IndividualRelationship ? db.LeadIndividuals.Count(i => i.Relationship == p.Value)
                : 0))
            .ToListAsync(ct);

        var byCategory = values.ToLookup(v => v.Category);
        var others = byCategory.Select(g => g.Key).Where(c => !PicklistCategories.All.Contains(c)).Order(StringComparer.Ordinal);
        return PicklistCategories.All.Concat(others)
            .Select(c => new PicklistAdminCategory(c, PicklistCategories.DisplayName(c), byCategory[c].ToList()))
            .ToList();
    }

    /// <summary>Adds a value at the end of its category: trimmed, not empty, at most 100 characters, unique ignoring case.</summary>
    public Task<long> AddAsync(string category, string? value, CancellationToken ct = default) =>
        AdminWriteAsync(async db =>
        {
            var name = RequireName(value);
            var values = await LockCategoryAsync(db, category, ct);
            if (values.Count == 0 && !PicklistCategories.All.Contains(category))
                throw new RuleViolationException("There is no such list.", "Category");
            if (FindByName(values, name, exceptId: null) is { } existing)
                throw new RuleViolationException($"\"{existing.Value}\" is already in this list.", "Value");

            var added = new PicklistValue
            {
                Category = category, Value = name, SortOrder = values.Select(v => v.SortOrder).DefaultIfEmpty(0).Max() + 1,
            };
            db.Picklists.Add(added);
            await db.SaveChangesAsync(ct);
            return added.Id;
        }, ct);

    /// <summary>
    /// Renames a value and every record that uses it, in one transaction. Returns how many records changed with it.
    /// A name that already exists is refused with <see cref="PicklistValueExistsException"/>: merge instead.
    /// </summary>
    public Task<int> RenameAsync(PicklistValueRef value, string? newValue, CancellationToken ct = default) =>
        AdminWriteAsync(async db =>
        {
            var name = RequireName(newValue);
            var (picked, values) = await LockAsync(db, value, ct);
            if (picked.Value == name)
                return 0;
            if (FindByName(values, name, exceptId: picked.Id) is { } existing)
                throw new PicklistValueExistsException(existing.Id, existing.Value);

            var old = picked.Value;
            var uses = await CountUsesAsync(db, picked, ct);
            // The foreign keys from the records cascade the new name to them in the same statement; lost reasons are
            // free text and move here.
            picked.Value = name;
            await db.SaveChangesAsync(ct);
            await MoveRecordsAsync(db, picked.Category, old, name, ct);
            return (int)uses;
        }, ct);

    /// <summary>Moves a value one place up or down in its list.</summary>
    public Task MoveAsync(PicklistValueRef value, PicklistMove direction, CancellationToken ct = default) =>
        AdminWriteAsync(async db =>
        {
            var (picked, values) = await LockAsync(db, value, ct);
            var ordered = InOrder(values);
            var from = ordered.IndexOf(picked);
            var to = from + (int)direction;
            if (to < 0 || to >= ordered.Count)
                return;
            (ordered[from], ordered[to]) = (ordered[to], ordered[from]);
            Renumber(ordered);
        }, ct);

    /// <summary>
    /// Puts a whole category in the given order (drag and drop). Refused if the list changed since the admin saw it.
    /// </summary>
    public Task SetOrderAsync(string category, IReadOnlyList<PicklistValueRef> order, CancellationToken ct = default) =>
        AdminWriteAsync(async db =>
        {
            var values = await LockCategoryAsync(db, category, ct);
            var byId = values.ToDictionary(v => v.Id);
            if (order.Count != values.Count || order.Select(o => o.Id).Distinct().Count() != order.Count
                || order.Any(o => !byId.TryGetValue(o.Id, out var v) || v.Version != o.Version))
                throw new ConcurrencyConflictException(
                    "Someone else changed this list while you were reordering it. It now shows their change; try again.");
            Renumber(order.Select(o => byId[o.Id]).ToList());
        }, ct);

    /// <summary>
    /// Deactivates (no longer offered for new choices; records keep it) or reactivates a value.
    /// At least one active stage must remain.
    /// </summary>
    public Task SetActiveAsync(PicklistValueRef value, bool active, CancellationToken ct = default) =>
        AdminWriteAsync(async db =>
        {
            var (picked, values) = await LockAsync(db, value, ct);
            if (!active)
                RequireAnotherActiveStage(picked, values, "deactivated");
            picked.IsActive = active;
        }, ct);

    /// <summary>Marks a stage as asking for a reason when a lead moves there, and/or as closed (out of the open pipeline).</summary>
    public Task SetStageFlagsAsync(PicklistValueRef value, bool needsReason, bool isClosed, CancellationToken ct = default) =>
        AdminWriteAsync(async db =>
        {
            var (picked, _) = await LockAsync(db, value, ct);
            if (picked.Category != PicklistCategories.Stage)
                throw new RuleViolationException("Only stages can need a reason or be closed.");
            picked.NeedsReason = needsReason;
            picked.IsClosed = isClosed;
        }, ct);

    /// <summary>
    /// Deletes a value. An unused value just goes; a value in use needs a <paramref name="replacementId"/> from the same
    /// list: every record moves to it and the value is deleted, in one transaction (a merge).
    /// </summary>
    public Task<PicklistMerged> DeleteAsync(PicklistValueRef value, long? replacementId, CancellationToken ct = default) =>
        AdminWriteAsync(async db =>
        {
            var (picked, values) = await LockAsync(db, value, ct);
            RequireAnotherActiveStage(picked, values, "deleted");
            PicklistValue? replacement = null;
            if (replacementId is { } id)
            {
                replacement = values.FirstOrDefault(v => v.Id == id && v.Id != picked.Id)
                    ?? throw new RuleViolationException("Choose another value of this list to move the records to.", "Replacement");
            }

            var moved = 0;
            if (replacement is not null)
                moved = await MoveRecordsAsync(db, picked.Category, picked.Value, replacement.Value, ct);
            else if (await CountUsesAsync(db, picked, ct) is > 0 and var uses)
                throw new RuleViolationException(
                    $"\"{picked.Value}\" is used by {Plural.Count(uses, "record")}. Choose a value to move them to.", "Replacement");

            db.Picklists.Remove(picked);
            return new PicklistMerged(picked.Value, replacement?.Value ?? "", moved);
        }, ct);

    private static string RequireName(string? value)
    {
        var name = Text.Clean(value, "Value") ?? throw new RuleViolationException("Enter a value.", "Value");
        if (name.Length > ValueMaxLength)
            throw new RuleViolationException(
                $"A value can be at most {ValueMaxLength} characters; this one has {name.Length}.", "Value");
        if (string.Equals(name, Pipeline.PipelineColumn.NoStage, StringComparison.OrdinalIgnoreCase))
            throw new RuleViolationException(
                $"\"{Pipeline.PipelineColumn.NoStage}\" is the board's name for leads without a stage; choose another.", "Value");
        return name;
    }

    private static PicklistValue? FindByName(IEnumerable<PicklistValue> values, string name, long? exceptId) =>
        values.FirstOrDefault(v => v.Id != exceptId && string.Equals(v.Value, name, StringComparison.OrdinalIgnoreCase));

    private static List<PicklistValue> InOrder(IEnumerable<PicklistValue> values) =>
        values.OrderBy(v => v.SortOrder).ThenBy(v => v.Id).ToList();

    private static void Renumber(IReadOnlyList<PicklistValue> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
            if (ordered[i].SortOrder != i + 1)
                ordered[i].SortOrder = i + 1;
    }

    private static void RequireAnotherActiveStage(PicklistValue picked, IEnumerable<PicklistValue> values, string verb)
    {
        if (picked.Category == PicklistCategories.Stage && picked.IsActive
            && !values.Any(v => v.Id != picked.Id && v.IsActive))
            throw new RuleViolationException(
                $"\"{picked.Value}\" is the last active stage and cannot be {verb}: new leads need a stage to start in.");
    }

    /// <summary>Locks every value of a category for this transaction, in id order.</summary>
    private static Task<List<PicklistValue>> LockCategoryAsync(DealTrackerDbContext db, string category, CancellationToken ct) =>
        db.Picklists.FromSql($"""
            SELECT id, category, value, sort_order, is_active, needs_reason, is_closed, xmin
            FROM picklists WHERE category = {category} ORDER BY id FOR UPDATE
            """).ToListAsync(ct);

    /// <summary>Locks the value's category and checks that the value is still as the admin saw it.</summary>
    private static async Task<(PicklistValue Picked, List<PicklistValue> Values)> LockAsync(DealTrackerDbContext db,
        PicklistValueRef value, CancellationToken ct)
    {
        var category = await db.Picklists.AsNoTracking().Where(p => p.Id == value.Id).Select(p => p.Category)
            .FirstOrDefaultAsync(ct) ?? throw Gone();
        var values = await LockCategoryAsync(db, category, ct);
        var picked = values.FirstOrDefault(v => v.Id == value.Id) ?? throw Gone();
        if (picked.Version != value.Version)
            throw new ConcurrencyConflictException(
                $"Someone else changed this value while you were editing it; it is now \"{picked.Value}\". The list shows their change.");
        return (picked, values);

        static RecordNotFoundException Gone() =>
            new("Someone else deleted this value meanwhile. The list now shows what remains.");
    }

    private static async Task<long> CountUsesAsync(DealTrackerDbContext db, PicklistValue value, CancellationToken ct) =>
        await db.Database.SqlQuery<long>(
            $"SELECT picklist_value_use_count({value.Category}, {value.Value}) AS \"Value\"").SingleAsync(ct);

    /// <summary>Points every record holding <paramref name="from"/> at <paramref name="to"/>; returns how many changed.</summary>
    private static Task<int> MoveRecordsAsync(DealTrackerDbContext db, string category, string from, string to,
        CancellationToken ct) => category switch
    {
        PicklistCategories.Stage => db.LeadStatuses.Where(s => s.Stage == from)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stage, to), ct),
        PicklistCategories.LostReason => db.LeadStatuses.Where(s => s.Reason == from)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Reason, to), ct),
        PicklistCategories.ContactRole => db.LeadContacts.Where(c => c.RoleOnLead == from)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RoleOnLead, to), ct),
        PicklistCategories.OrganizationRelationship => db.LeadOrganizations.Where(o => o.Relationship == from)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Relationship, to), ct),
        PicklistCategories.IndividualRelationship => db.LeadIndividuals.Where(i => i.Relationship == from)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Relationship, to), ct),
        _ => Task.FromResult(0),
    };
}
