using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Deals;

public sealed record DealList(PageOf<DealListRow> Page, IReadOnlyList<CurrencySum> Totals);
