namespace DealTracker.Data.Deals;

public sealed record DealInput(string Name, string? Description = null, decimal? ValueAmount = null,
    string? ValueCurrency = Currencies.Default, decimal? Probability = null, DateOnly? CloseDate = null,
    long? OwnerUserId = null);
