namespace DealTracker.Data.Identity;

/// <summary>The three roles. A user may hold several; Admin implies everything a Manager may do.</summary>
public static class Roles
{
    public const string Sales = "Sales";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Sales, Manager, Admin];

    /// <summary>Comma-separated, for <c>[Authorize(Roles = ...)]</c> and <c>AuthorizeView Roles</c>.</summary>
    public const string ManagerOrAdmin = Manager + "," + Admin;
}
