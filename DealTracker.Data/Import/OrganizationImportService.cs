using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// Imports organizations: every row checked by the organization rules before anything is written (<see cref="PreviewAsync"/>),
/// then all of it in one transaction or nothing (<see cref="ImportAsync"/>). An <c>Id</c> column updates that record;
/// otherwise a row matches the organization of the same name ignoring case. Matched records change only when the
/// user opts in. Managers and admins only.
/// </summary>
public sealed class OrganizationImportService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public static IReadOnlyList<string> Fields { get; } = ["Id", "Name", "Website", "Phone", "Notes"];

    public async Task<ImportPreview> PreviewAsync(ImportFile file, ImportMapping mapping, bool updateMatched, CancellationToken ct = default)
    {
        Access.RequireManager(actor, "Only managers and admins can import.");
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await CheckAsync(db, file, mapping, updateMatched, ct)).Preview;
    }

    /// <summary>
    /// Writes the rows the preview would: refused (nothing written) while a row has problems, unless
    /// <paramref name="skipRowsWithProblems"/>; the check runs again inside the transaction, so it sees what is committed now.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(ImportFile file, ImportMapping mapping, bool updateMatched,
        bool skipRowsWithProblems, CancellationToken ct = default)
    {
        Access.RequireManager(actor, "Only managers and admins can import.");
        return await factory.WriteAsync(actor, async db =>
        {
            var (preview, values) = await CheckAsync(db, file, mapping, updateMatched, ct);
            if (preview.Skipped > 0 && !skipRowsWithProblems)
                throw new RuleViolationException(
                    $"{preview.Skipped} row(s) have problems, so nothing was imported. Fix the file, or choose to skip those rows.");

            var updates = preview.Rows.Where(r => r.Action == ImportAction.Update).ToList();
            var ids = updates.Select(r => r.MatchedId!.Value).ToList();
            var tracked = await db.Organizations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
            var now = DateTime.UtcNow;
            foreach (var row in updates)
                values[row.RowNumber].CopyTo(tracked[row.MatchedId!.Value], now);
            foreach (var row in preview.Rows.Where(r => r.Action == ImportAction.Create))
            {
                var org = new Organization { Name = "" };
                values[row.RowNumber].CopyTo(org, now);
                db.Organizations.Add(org);
            }
            return new ImportSummary(preview.Created, preview.Matched, preview.Updated, preview.Skipped,
                SkippedRowsCsv.Write(file, preview.Rows.Where(r => r.Action == ImportAction.Skip)));
        }, ct);
    }

    private async Task<(ImportPreview Preview, Dictionary<int, OrganizationValues> Values)> CheckAsync(
        DealTrackerDbContext db, ImportFile file, ImportMapping mapping, bool updateMatched, CancellationToken ct)
    {
        if (mapping.ColumnOf("Name") < 0)
            throw new RuleViolationException("Choose the column that holds the organization's name (Name).", "Name");
        var existing = await db.Organizations.AsNoTracking()
            .Select(o => new OrganizationValues(o.Id, o.Name, o.Website, o.Phone, o.Notes)).ToListAsync(ct);
        var byId = existing.ToDictionary(o => o.Id!.Value);
        var byName = existing.ToDictionary(o => o.Name.ToLowerInvariant(), o => o.Id!.Value);
        var firstRowOfName = new Dictionary<string, int>();

        var rows = new List<ImportPreviewRow>(file.Rows.Count);
        var values = new Dictionary<int, OrganizationValues>();
        foreach (var row in file.Rows)
        {
            var problems = new List<ImportProblem>(row.Problems);
            var cells = new RowCells(row, mapping, problems);
            var id = cells.Id();
            var name = cells.Check("Name", v => Input.Required(v, Limits.Name, "Name", "Give the organization a name."));
            var value = new OrganizationValues(id, name ?? "",
                cells.Check("Website", v => Input.Website(v)),
                cells.Check("Phone", v => Input.Optional(v, Limits.Phone, "Phone")),
                cells.Check("Notes", v => Input.Optional(v, Limits.LongText, "Notes")));

            long? matched = null;
            if (id is { } given && !byId.ContainsKey(given))
                problems.Add(new ImportProblem(row.RowNumber, "Id", $"there is no organization #{given} (leave Id empty to create one)"));
            else
                matched = id;
            if (name is not null)
            {
                var key = name.ToLowerInvariant();
                if (firstRowOfName.TryGetValue(key, out var earlier))
                    problems.Add(new ImportProblem(row.RowNumber, "Name",
                        $"\"{name}\" is also in row {earlier} of this file (names are compared ignoring case)"));
                else
                    firstRowOfName[key] = row.RowNumber;
                if (byName.TryGetValue(key, out var owner))
                {
                    if (matched is null)
                        matched = owner;
                    else if (owner != matched)
                        problems.Add(new ImportProblem(row.RowNumber, "Name", $"organization #{owner} already has the name \"{name}\""));
                }
            }

            var action = problems.Count > 0 ? ImportAction.Skip
                : matched is null ? ImportAction.Create
                : updateMatched && byId[matched.Value] != value with { Id = matched } ? ImportAction.Update
                : ImportAction.Match;
            rows.Add(new ImportPreviewRow(row.RowNumber, action, matched, problems));
            values[row.RowNumber] = value;
        }
        return (new ImportPreview(rows, mapping.IgnoredColumns(file.Headers)), values);
    }
}
