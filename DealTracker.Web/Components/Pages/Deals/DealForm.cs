using DealTracker.Data.Deals;

namespace DealTracker.Web.Components.Pages.Deals;

public sealed class DealForm
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public decimal? ValueAmount { get; set; }
    public string ValueCurrency { get; set; } = Currencies.Default;
    public decimal? Probability { get; set; }
    public DateTime? CloseDate { get; set; }
    public long? OwnerUserId { get; set; }

    public static DealForm From(DealDetails d) => new()
    {
        Name = d.Name, Description = d.Description, ValueAmount = d.ValueAmount, ValueCurrency = d.ValueCurrency ?? Currencies.Default,
        Probability = d.Probability, CloseDate = d.CloseDate?.ToDateTime(TimeOnly.MinValue),
        OwnerUserId = d.OwnerUserId,
    };

    public DealInput ToInput() => new(Name, Description, ValueAmount, ValueCurrency, Probability,
        CloseDate is { } date ? DateOnly.FromDateTime(date) : null, OwnerUserId);

    public string Snapshot() => $"{Name}\u0001{Description}\u0001{ValueAmount}\u0001{ValueCurrency}\u0001{Probability}\u0001{CloseDate}\u0001{OwnerUserId}";

    public static readonly string[] Fields = ["Name", "Description", "ValueAmount", "ValueCurrency", "Probability", "CloseDate", "Owner"];
}
