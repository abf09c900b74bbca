namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>A move the user asked for, by drag and drop or the "Move to" menu.</summary>
public sealed record CardMove(BoardCard Card, string ToStage);
