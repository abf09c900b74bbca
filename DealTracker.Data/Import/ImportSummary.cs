namespace DealTracker.Data.Import;

/// <summary>What an import wrote, and the skipped rows with their reasons as a CSV file to fix and import again.</summary>
public sealed record ImportSummary(int Created, int Matched, int Updated, int Skipped, string SkippedRowsCsv);
