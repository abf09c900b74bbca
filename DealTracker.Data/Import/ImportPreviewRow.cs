namespace DealTracker.Data.Import;

public sealed record ImportPreviewRow(int RowNumber, ImportAction Action, long? MatchedId, IReadOnlyList<ImportProblem> Problems);
