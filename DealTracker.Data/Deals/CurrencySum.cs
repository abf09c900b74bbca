namespace DealTracker.Data.Deals;

/// <summary>The sum of deal values in one currency; amounts are never added across currencies.</summary>
public sealed record CurrencySum(string Currency, decimal Total, int Deals);
