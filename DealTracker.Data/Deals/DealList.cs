using DealTracker.Data.Infrastructure;
using DealTracker.Data.Pipeline;

namespace DealTracker.Data.Deals;

/// <summary>A page of deals; the totals per currency of all deals that match; and their open money (<see cref="OpenMoney"/>).</summary>
public sealed record DealList(PageOf<DealListRow> Page, IReadOnlyList<CurrencySum> Totals, IReadOnlyList<CurrencyAmount> Open);
