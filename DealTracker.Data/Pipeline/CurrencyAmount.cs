namespace DealTracker.Data.Pipeline;

/// <summary>Money of one currency: deals are counted once, and currencies are never added together.</summary>
public sealed record CurrencyAmount(string Currency, int Deals, decimal Value, decimal Weighted);
