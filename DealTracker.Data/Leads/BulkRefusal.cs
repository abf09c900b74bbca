namespace DealTracker.Data.Leads;

/// <summary>A lead a bulk action left as it was, and the sentence its own rule gave.</summary>
public sealed record BulkRefusal(long LeadId, string Title, string Reason);
