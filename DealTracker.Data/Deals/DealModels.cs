using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Deals;

public sealed record DealInput(string Name, string? Description = null, decimal? ValueAmount = null,
    string? ValueCurrency = Currencies.Default, decimal? Probability = null, DateOnly? CloseDate = null,
    long? OwnerUserId = null);

public sealed record DealLeadRow(long Id, string Title, string Stage, DateTime UpdatedAt);

public sealed record DealDetails(long Id, string Name, string? Description, decimal? ValueAmount, string? ValueCurrency,
    decimal? Probability, DateOnly? CloseDate, DateTime UpdatedAt, uint Version, IReadOnlyList<DealLeadRow> Leads,
    long? OwnerUserId = null, string? OwnerName = null);

public sealed record DealListRow(long Id, string Name, decimal? ValueAmount, string? ValueCurrency, decimal? Probability,
    DateOnly? CloseDate, int Leads, DateTime UpdatedAt, long? OwnerUserId = null, string? OwnerName = null);

/// <summary>The sum of deal values in one currency; amounts are never added across currencies.</summary>
public sealed record CurrencySum(string Currency, decimal Total, int Deals);

public sealed record DealList(PageOf<DealListRow> Page, IReadOnlyList<CurrencySum> Totals);
