namespace DealTracker.Data.Users;

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total);
