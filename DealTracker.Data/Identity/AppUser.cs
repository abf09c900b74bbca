using Microsoft.AspNetCore.Identity;

namespace DealTracker.Data.Identity;

/// <summary>A person who signs in. Email is the user name; deactivated users are locked out and keep their history.</summary>
public class AppUser : IdentityUser<long>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; } = true;
}

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

/// <summary>Authorization policy names, registered by the web app.</summary>
public static class Policies
{
    /// <summary>Admins only: /admin/users, /admin/picklists.</summary>
    public const string Admin = "Admin";

    /// <summary>Managers and admins: reassigning owners, seeing every record.</summary>
    public const string ManagerOrAdmin = "ManagerOrAdmin";
}
