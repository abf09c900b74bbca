namespace DealTracker.Data.Leads;

/// <summary>A contact on a lead, with its role.</summary>
public sealed record ContactLink(long ContactId, string? RoleOnLead, bool IsPrimary = false);
