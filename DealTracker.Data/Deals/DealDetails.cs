namespace DealTracker.Data.Deals;

public sealed record DealDetails(long Id, string Name, string? Description, decimal? ValueAmount, string? ValueCurrency,
    decimal? Probability, DateOnly? CloseDate, DateTime UpdatedAt, uint Version, IReadOnlyList<DealLeadRow> Leads,
    long? OwnerUserId = null, string? OwnerName = null);
