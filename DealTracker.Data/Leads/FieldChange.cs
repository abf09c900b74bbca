namespace DealTracker.Data.Leads;

/// <summary>One field someone else changed: what the user had loaded, and what it is now.</summary>
public sealed record FieldChange(string Field, string? Before, string? Now);
