namespace DealTracker.Data.Deals;

public sealed record DealLeadRow(long Id, string Title, string Stage, DateTime UpdatedAt);
