namespace DealTracker.Data.Deals;

public sealed record DealListRow(long Id, string Name, decimal? ValueAmount, string? ValueCurrency, decimal? Probability,
    DateOnly? CloseDate, int Leads, DateTime UpdatedAt, long? OwnerUserId = null, string? OwnerName = null);
