using DealTracker.Data.Deals;
using DealTracker.Data.Entities;

namespace DealTracker.Data.Import;

/// <summary>Between a deal's checked input and the columns of an import file.</summary>
internal static class DealValues
{
    public static string? Name(string name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();

    public static string? ColumnOf(string? field, string nameField) => field switch
    {
        "Name" => nameField,
        "ValueAmount" => "Value",
        "ValueCurrency" => "Currency",
        _ => field,
    };

    /// <summary>Copies checked values (<see cref="DealService"/> already held them to the deal rules).</summary>
    public static void CopyTo(DealInput input, Deal deal)
    {
        deal.Name = input.Name;
        deal.Description = input.Description;
        deal.ValueAmount = input.ValueAmount;
        deal.ValueCurrency = input.ValueCurrency;
        deal.Probability = input.Probability;
        deal.CloseDate = input.CloseDate;
        deal.OwnerUserId = input.OwnerUserId;
    }
}
