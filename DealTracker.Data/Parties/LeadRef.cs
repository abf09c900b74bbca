namespace DealTracker.Data.Parties;

public sealed record LeadRef(long Id, string Title);
