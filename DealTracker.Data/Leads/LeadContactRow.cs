namespace DealTracker.Data.Leads;

/// <summary>A contact on a lead as the editor shows it: the person, and where they work.</summary>
public sealed record LeadContactRow(long ContactId, string Name, string? Detail, string? RoleOnLead, bool IsPrimary);
