namespace DealTracker.Data.Dashboard;

public sealed record CurrencyTotal(string Currency, decimal Value, decimal Weighted, int Deals);
