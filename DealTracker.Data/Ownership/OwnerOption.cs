namespace DealTracker.Data.Ownership;

/// <summary>A user who can own leads and deals, for owner pickers and cards.</summary>
public sealed record OwnerOption(long Id, string DisplayName, string Email)
{
    public string Initials => string.Concat(DisplayName.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
