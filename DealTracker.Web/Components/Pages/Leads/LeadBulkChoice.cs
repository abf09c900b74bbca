namespace DealTracker.Web.Components.Pages.Leads;

/// <summary>What the bulk dialog asked: the stage (and the one reason for every lead) or the new owner (null: unassigned).</summary>
public sealed record LeadBulkChoice(string? Stage, string? Reason, long? OwnerUserId);
