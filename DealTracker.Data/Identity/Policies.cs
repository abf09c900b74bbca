namespace DealTracker.Data.Identity;

/// <summary>Authorization policy names, registered by the web app.</summary>
public static class Policies
{
    /// <summary>Admins only: /admin/users, /admin/picklists.</summary>
    public const string Admin = "Admin";

    /// <summary>Managers and admins: reassigning owners, seeing every record.</summary>
    public const string ManagerOrAdmin = "ManagerOrAdmin";
}
