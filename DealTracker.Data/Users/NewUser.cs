namespace DealTracker.Data.Users;

public sealed record NewUser(string DisplayName, string Email, IReadOnlyList<string> Roles, string Password);
