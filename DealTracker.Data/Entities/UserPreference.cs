namespace DealTracker.Data.Entities;

/// <summary>
/// One remembered choice of one user (which board columns they folded, for instance), stored as JSON under a name,
/// so it follows the user to any browser. Deleted with the user.
/// </summary>
public class UserPreference
{
    public long UserId { get; set; }
    public string Name { get; set; } = "";
    public string Value { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }
}
