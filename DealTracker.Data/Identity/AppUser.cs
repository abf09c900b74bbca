using Microsoft.AspNetCore.Identity;

namespace DealTracker.Data.Identity;

/// <summary>A person who signs in. Email is the user name; deactivated users are locked out and keep their history.</summary>
public class AppUser : IdentityUser<long>
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";
    public bool IsActive { get; set; } = true;
}
