namespace DealTracker.Data.Leads;

/// <summary>The lead's stage after a move, with the version the next move must present.</summary>
public sealed record StageMoved(long LeadId, string Stage, string? Reason, uint Version, DateTime UpdatedAt);
