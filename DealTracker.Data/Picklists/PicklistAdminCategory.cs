namespace DealTracker.Data.Picklists;

/// <summary>A category with its readable name and its values in order.</summary>
public sealed record PicklistAdminCategory(string Category, string DisplayName, IReadOnlyList<PicklistAdminValue> Values)
{
    public bool IsStages => Category == Entities.PicklistCategories.Stage;
}
