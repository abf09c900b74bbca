namespace DealTracker.Data.Import;

/// <summary>One preview or import of one kind of record: every row checked against what was loaded, then the rows written.</summary>
internal interface IImportBatch
{
    /// <summary>Checks one row (its problems go to <paramref name="cells"/>) and keeps its values for <see cref="WriteAsync"/>.</summary>
    RowMatch Check(RowCells cells);

    /// <summary>Creates and updates the records of <paramref name="rows"/> in batches, reporting the share done.</summary>
    Task WriteAsync(DealTrackerDbContext db, IReadOnlyList<ImportPreviewRow> rows, IProgress<double>? progress, CancellationToken ct);
}
