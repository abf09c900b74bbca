using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// Imports a file of one <see cref="ImportKind"/>: every row checked before anything is written (<see cref="PreviewAsync"/>),
/// then all of it in one transaction or nothing (<see cref="ImportAsync"/>). An <c>Id</c> column updates that record;
/// otherwise rows match by each kind's natural key. Matched records change only when the user opts in. Managers and
/// admins only. The kinds differ only in their <see cref="IImportDescriptor"/>.
/// </summary>
public sealed class ImportService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public static IReadOnlyList<string> FieldsOf(ImportKind kind) => Descriptor(kind).Fields;

    public static ImportMapping SuggestMapping(ImportKind kind, ImportFile file) => ImportMapping.Suggest(file.Headers, FieldsOf(kind));

    public async Task<ImportPreview> PreviewAsync(ImportKind kind, ImportFile file, ImportMapping mapping, bool updateMatched,
        CancellationToken ct = default)
    {
        Access.RequireManager(actor, "Only managers and admins can import.");
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await CheckAsync(db, Descriptor(kind), file, mapping, updateMatched, ct)).Preview;
    }

    /// <summary>
    /// Writes the rows the preview would: refused (nothing written) while a row has problems, unless
    /// <paramref name="skipRowsWithProblems"/>; the check runs again inside the transaction, so it sees what is committed now.
    /// </summary>
    public async Task<ImportSummary> ImportAsync(ImportKind kind, ImportFile file, ImportMapping mapping, bool updateMatched,
        bool skipRowsWithProblems, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        Access.RequireManager(actor, "Only managers and admins can import.");
        return await factory.WriteAsync(actor, async db =>
        {
            var (preview, batch) = await CheckAsync(db, Descriptor(kind), file, mapping, updateMatched, ct);
            if (preview.Skipped > 0 && !skipRowsWithProblems)
                throw new RuleViolationException(
                    $"{preview.Skipped} row(s) have problems, so nothing was imported. Fix the file, or choose to skip those rows.");
            progress?.Report(0.1);
            var descriptor = Descriptor(kind);
            await ChangeAnnouncement.HoldAsync(db, ct);
            var writing = preview.Rows.Where(r => r.Action is ImportAction.Create or ImportAction.Update).ToList();
            await batch.WriteAsync(db, writing, progress, ct);
            await ChangeAnnouncement.SendAsync(db, descriptor.Tables, ct);
            return new ImportSummary(preview.Created, preview.Matched, preview.Updated, preview.Skipped,
                SkippedRowsCsv.Write(file, preview.Rows.Where(r => r.Action == ImportAction.Skip)));
        }, ct);
    }

    private async Task<(ImportPreview Preview, IImportBatch Batch)> CheckAsync(DealTrackerDbContext db, IImportDescriptor descriptor,
        ImportFile file, ImportMapping mapping, bool updateMatched, CancellationToken ct)
    {
        var (required, message) = descriptor.RequiredField;
        if (mapping.ColumnOf(required) < 0)
            throw new RuleViolationException(message, required);
        var batch = await descriptor.LoadAsync(db, actor, ct);
        var rows = new List<ImportPreviewRow>(file.Rows.Count);
        foreach (var row in file.Rows)
        {
            var problems = new List<ImportProblem>(row.Problems);
            var match = batch.Check(new RowCells(row, mapping, problems));
            var action = problems.Count > 0 ? ImportAction.Skip
                : match.Id is null ? ImportAction.Create
                : updateMatched && match.Differs ? ImportAction.Update
                : ImportAction.Match;
            rows.Add(new ImportPreviewRow(row.RowNumber, action, match.Id, problems));
        }
        return (new ImportPreview(rows, mapping.IgnoredColumns(file.Headers)), batch);
    }

    private static IImportDescriptor Descriptor(ImportKind kind) => kind switch
    {
        ImportKind.Organizations => OrganizationImport.Descriptor,
        ImportKind.Individuals => IndividualImport.Descriptor,
        ImportKind.Contacts => ContactImport.Descriptor,
        ImportKind.Deals => DealImport.Descriptor,
        ImportKind.Leads => LeadImport.Descriptor,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
