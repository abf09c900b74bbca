namespace DealTracker.Data.Pipeline;

/// <summary>
/// One row of a board's totals: a column's lead count (no currency), a column's money in one currency, or (no stage)
/// the open total in one currency.
/// </summary>
internal sealed record PipelineTotalRow(string? Stage, string? Currency, int Leads, int Deals, decimal Value, decimal Weighted);
